import { Knex } from 'knex';
import { Worker } from 'node:worker_threads';

type Row = Record<string, any>;

/** The parts of a better-sqlite3 connection used here (the package ships no types). */
interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
interface Database {
  prepare(sql: string): Statement;
  transaction(run: (work: () => unknown) => unknown): { immediate(work: () => unknown): unknown };
}

/** Synchronous statements inside one SQLite transaction (see {@link SqliteTransactions}). */
export interface SqliteTransaction {
  get(sql: string, params?: unknown[]): Row | undefined;
  all(sql: string, params?: unknown[]): Row[];
  run(sql: string, params?: unknown[]): number;
}

/** SQLite binds numbers, strings, bigints, buffers and null; knex turns booleans into 0/1 the same way. */
function bind(params: unknown[]): unknown[] {
  return params.map(value => {
    if (value === undefined) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  });
}

/**
 * Runs a store operation as one synchronous transaction on the knex pool's own SQLite
 * connection, with its statements prepared once.
 *
 * Why: through knex every statement is compiled to SQL, prepared anew and awaited on its own
 * turn of the event loop, and a transaction holds the single SQLite connection across all those
 * turns. An access-request flow runs about forty statements, and on the embedded database that
 * was a third of the backend's CPU. Here a transaction is taken with `BEGIN IMMEDIATE`, runs to
 * its end without yielding, and the connection goes back to the pool: no other statement can
 * interleave, so there is nothing to lock and nothing to retry. knex's pool holds one SQLite
 * connection, so borrowing it also waits for any knex transaction in progress.
 */
export class SqliteTransactions {
  private readonly statements = new WeakMap<Database, Map<string, Statement>>();
  /** better-sqlite3 wraps a function into a transaction once; the work is passed at each call. */
  private readonly transactions = new WeakMap<Database, { immediate(work: () => unknown): unknown }>();

  constructor(private readonly knex: Knex) {}

  private statement(connection: Database, sql: string): Statement {
    let cache = this.statements.get(connection);
    if (!cache) {
      cache = new Map();
      this.statements.set(connection, cache);
    }
    let statement = cache.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` in one write transaction; a throw rolls everything back and is rethrown. */
  write<T>(work: (tx: SqliteTransaction) => T): Promise<T> {
    return this.withConnection((connection, tx) => {
      let transaction = this.transactions.get(connection);
      if (!transaction) {
        transaction = connection.transaction(run => run());
        this.transactions.set(connection, transaction);
      }
      return transaction.immediate(() => work(tx)) as T;
    });
  }

  /** Runs reads on the connection, outside any transaction. */
  read<T>(work: (tx: SqliteTransaction) => T): Promise<T> {
    return this.withConnection((_connection, tx) => work(tx));
  }

  private async withConnection<T>(work: (connection: Database, tx: SqliteTransaction) => T): Promise<T> {
    const client = this.knex.client as {
      acquireConnection(): Promise<Database>;
      releaseConnection(connection: Database): Promise<unknown>;
    };
    const connection = await client.acquireConnection();
    try {
      return work(connection, {
        get: (sql, params = []) => this.statement(connection, sql).get(...bind(params)) as Row | undefined,
        all: (sql, params = []) => this.statement(connection, sql).all(...bind(params)) as Row[],
        run: (sql, params = []) => this.statement(connection, sql).run(...bind(params)).changes,
      });
    } finally {
      await client.releaseConnection(connection);
    }
  }
}

/** The code of the checkpoint thread (CommonJS, run with `eval`). */
const CHECKPOINT_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error && error.message));
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the write-ahead log into an SQLite database file from a thread of its own.
 *
 * Why: with `synchronous = NORMAL` a commit writes to the log without waiting for the disk, but
 * the checkpoint that SQLite runs every 1,000 pages syncs the file, and on the connection that
 * committed: the event loop stalls for that long (5 to 20 ms here, every few hundred
 * commits). The backend's connection keeps a far-off automatic checkpoint as a safety net in case
 * this thread dies; this thread checkpoints every `intervalMs` without blocking writers.
 */
export async function startWalCheckpoints(
  knex: Knex,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): Promise<{ stop(): Promise<void> } | undefined> {
  if (knex.client.config.client !== 'better-sqlite3') return undefined;
  const connection = knex.client.config.connection as { filename?: string } | undefined;
  const filename = connection?.filename;
  if (!filename || filename === ':memory:' || filename.startsWith('file:')) return undefined;
  // knex's pool holds the one connection, so this setting sticks
  await knex.raw('PRAGMA wal_autocheckpoint = 20000');
  const worker = new Worker(CHECKPOINT_WORKER, {
    eval: true,
    workerData: { filename, driver: require.resolve('better-sqlite3'), intervalMs: options.intervalMs ?? 1000 },
  });
  worker.on('message', message => options.onError?.(String(message)));
  worker.on('error', error => options.onError?.(String(error)));
  worker.unref();
  return {
    async stop() {
      const exited = new Promise(resolve => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}
