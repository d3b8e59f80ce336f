import { Knex } from 'knex';

type Row = Record<string, any>;

/** The parts of a better-sqlite3 connection used here (the package ships no types). */
interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
interface Database {
  prepare(sql: string): Statement;
  transaction<T>(work: () => T): { immediate(): T };
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
    return this.withConnection((connection, tx) => connection.transaction(() => work(tx)).immediate());
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
