import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { auditEntryHash } from './auditChain';
import { ConciergeDialect, RequestWrite, RowCondition } from './ConciergeDialect';
import { AuditInput } from './ConciergeStore';
import { AUDIT, DECISIONS, HEAD, IDEMPOTENCY, REQUESTS, Row, assignments, insertSql } from './conciergeRows';
import { SqliteTransaction, SqliteTransactions } from './SqliteTransactions';

/**
 * The concierge's store on SQLite: every write is one synchronous transaction with prepared
 * statements (see {@link SqliteTransactions} for why), so nothing interleaves with it. There is
 * nothing to lock or retry, and the audit chain is extended in process, with the hash rule of
 * auditChain.ts.
 */
export class SqliteConciergeDialect implements ConciergeDialect {
  private readonly sqlite: SqliteTransactions;

  /** Sets up the connection for the store's writes, then returns the dialect. */
  static async open(knex: Knex): Promise<SqliteConciergeDialect> {
    // A write-ahead log, synced at checkpoints rather than at every commit: on SQLite (the
    // embedded, single-machine default) a commit then costs no disk flush on the request's
    // path. A commit survives a crash of the portal; only a power loss may lose the last
    // ones, never the chain's consistency. Production runs on PostgreSQL.
    await knex.raw('PRAGMA journal_mode = WAL');
    await knex.raw('PRAGMA synchronous = NORMAL');
    return new SqliteConciergeDialect(knex);
  }

  private constructor(knex: Knex) {
    this.sqlite = new SqliteTransactions(knex);
  }

  rows(sql: string, bindings: unknown[]): Promise<Row[]> {
    return this.sqlite.read(tx => tx.all(sql, bindings));
  }

  anyOf(column: string, values: string[]): RowCondition {
    // One statement for any number of values: they travel as one JSON array
    return { sql: `${column} IN (SELECT value FROM json_each(?))`, bindings: [JSON.stringify(values)] };
  }

  insertRequest(request: Row, key: Row | undefined, audits: AuditInput[], at: string): Promise<void> {
    return this.sqlite.write(tx => {
      if (key) tx.run(insertSql(IDEMPOTENCY, key), Object.values(key));
      tx.run(insertSql(REQUESTS, request), Object.values(request));
      this.chain(tx, audits, at);
    });
  }

  updateRequest(write: RequestWrite, condition: RowCondition, returning: 'id' | 'row'): Promise<Row | undefined> {
    return this.sqlite.write(tx => {
      if (!this.apply(tx, write, condition)) return undefined;
      return returning === 'row' ? tx.get(`SELECT * FROM ${REQUESTS} WHERE id = ?`, [write.id]) : { id: write.id };
    });
  }

  changeRequest<W extends RequestWrite>(
    id: string,
    withDecisions: boolean,
    decide: (row: Row, decisions: Row[]) => W,
  ): Promise<W> {
    // Read, decide and write in one transaction: the request cannot change in between.
    return this.sqlite.write(tx => {
      const row = tx.get(`SELECT * FROM ${REQUESTS} WHERE id = ?`, [id]);
      if (!row) throw new NotFoundError(`No access request ${id}`);
      const decisions = withDecisions
        ? tx.all(`SELECT * FROM ${DECISIONS} WHERE request_id = ? ORDER BY id`, [id])
        : [];
      const write = decide(row, decisions);
      this.apply(tx, write);
      return write;
    });
  }

  async appendAudit(audits: AuditInput[], at: string): Promise<void> {
    await this.sqlite.write(tx => this.chain(tx, audits, at));
  }

  /** Writes the change if the request meets `condition`; false (nothing written) otherwise. */
  private apply(tx: SqliteTransaction, write: RequestWrite, condition?: RowCondition): boolean {
    const updated = tx.run(
      `UPDATE ${REQUESTS} SET ${assignments(write.set)} WHERE id = ?${condition ? ` AND ${condition.sql}` : ''}`,
      [...Object.values(write.set), write.id, ...(condition?.bindings ?? [])],
    );
    if (updated !== 1) return false;
    if (write.decision) tx.run(insertSql(DECISIONS, write.decision), Object.values(write.decision));
    this.chain(tx, write.audits, write.at);
    return true;
  }

  /** Appends the entries after the chain's head and moves the head, in the caller's transaction. */
  private chain(tx: SqliteTransaction, audits: AuditInput[], at: string): void {
    if (audits.length === 0) return;
    const head = tx.get(`SELECT seq, hash FROM ${HEAD} WHERE id = 1`)!;
    let seq = Number(head.seq);
    let prevHash: string = head.hash;
    for (const audit of audits) {
      seq += 1;
      const entry = {
        seq,
        at,
        actor: audit.actor,
        action: audit.action,
        requestId: audit.requestId ?? null,
        details: JSON.stringify(audit.details ?? {}),
      };
      const hash = auditEntryHash(prevHash, entry);
      const row = {
        seq,
        at,
        actor: entry.actor,
        action: entry.action,
        request_id: entry.requestId,
        details: entry.details,
        prev_hash: prevHash,
        hash,
      };
      tx.run(insertSql(AUDIT, row), Object.values(row));
      prevHash = hash;
    }
    tx.run(`UPDATE ${HEAD} SET seq = ?, hash = ? WHERE id = 1`, [seq, prevHash]);
  }
}
