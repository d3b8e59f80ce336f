import { Knex } from 'knex';
import { Worker } from 'node:worker_threads';

type Row = Record<string, unknown>;

/** The code of the reader thread (CommonJS, run with `eval`). */
const READER_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
db.pragma('cache_size = ' + workerData.cacheSize);
const statements = new Map();
parentPort.on('message', message => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    let statement = statements.get(message.sql);
    if (!statement) {
      statement = db.prepare(message.sql);
      if (statements.size > 500) statements.clear();
      statements.set(message.sql, statement);
    }
    parentPort.postMessage({ id: message.id, rows: statement.all(...message.bindings) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message) });
  }
});
`;

/** The module knex loaded as its better-sqlite3 driver, found by its exports. */
function driverFile(knex: Knex): string | undefined {
  const driver = (knex.client as { driver?: unknown }).driver;
  if (!driver) return undefined;
  for (const loaded of Object.values(require.cache)) {
    if (loaded?.exports === driver) return loaded.filename;
  }
  return undefined;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; knex turns the rest the same way. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  return value;
}

/**
 * Runs read queries on an SQLite database file from a thread of its own, with its own read-only
 * connection.
 *
 * Why: better-sqlite3 runs a statement on the thread that calls it, so a search that ranks
 * thousands of full-text matches (tens of milliseconds) stops every other request of the backend
 * meanwhile, including the ones the answer cache could serve at once. Here the main thread only
 * compiles the query (with knex) and waits. The database is switched to write-ahead logging, so
 * this connection reads the last committed state while the index is being refreshed, and never
 * blocks the writer. Only for databases in a file; in-memory databases (tests) and PostgreSQL
 * keep reading through knex.
 */
export class SqliteReader {
  static async start(
    knex: Knex,
    options: { busyTimeoutMs?: number; cacheSizeKiB?: number } = {},
  ): Promise<SqliteReader | undefined> {
    if (knex.client.config.client !== 'better-sqlite3') return undefined;
    const connection = knex.client.config.connection as { filename?: string } | undefined;
    const filename = connection?.filename;
    if (!filename || filename === ':memory:' || filename.startsWith('file:')) return undefined;
    const driver = driverFile(knex);
    if (!driver) return undefined;
    // A second connection may only read beside the writer under write-ahead logging
    const [mode] = await knex.raw('PRAGMA journal_mode = WAL');
    if (String(Object.values(mode ?? {})[0]).toLowerCase() !== 'wal') return undefined;
    const worker = new Worker(READER_WORKER, {
      eval: true,
      workerData: {
        filename,
        driver,
        busyTimeoutMs: options.busyTimeoutMs ?? 5000,
        cacheSize: -(options.cacheSizeKiB ?? 65536),
      },
    });
    worker.unref();
    return new SqliteReader(worker);
  }

  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(rows: Row[]): void; reject(error: Error): void }>();
  private failed?: Error;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: { id: number; rows?: Row[]; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.rows ?? []);
    });
    const fail = (error: Error) => {
      this.failed = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', code => fail(new Error(`the SQLite reader thread exited with code ${code}`)));
  }

  /** Whether queries can still be sent (false once the thread has failed or was closed). */
  get available(): boolean {
    return !this.failed;
  }

  /** The rows of a knex query, read on the reader thread. */
  rows<T = Row>(query: Knex.QueryBuilder | Knex.Raw): Promise<T[]> {
    if (this.failed) return Promise.reject(this.failed);
    const { sql, bindings } = query.toSQL().toNative();
    const id = this.nextId++;
    return new Promise<T[]>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (rows: Row[]) => void, reject });
      // Waiting for an answer keeps the process alive, as a query on the main thread would
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage({ id, sql, bindings: (bindings as unknown[]).map(bindable) });
    }).finally(() => {
      if (this.waiting.size === 0) this.worker.unref();
    });
  }

  async close(): Promise<void> {
    if (this.failed) return;
    const exited = new Promise(resolve => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }
}
