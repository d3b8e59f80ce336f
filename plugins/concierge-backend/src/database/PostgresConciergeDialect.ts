import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { ConciergeDialect, RequestWrite, RowCondition } from './ConciergeDialect';
import { AuditInput } from './ConciergeStore';
import { DECISIONS, IDEMPOTENCY, PENDING, REQUESTS, Row, assignments, insertSql } from './conciergeRows';

/** How many times a request change is decided again after losing to another. */
const OPTIMISTIC_ATTEMPTS = 50;

/** Audit entries per statement: PostgreSQL takes at most 65,535 bindings in one. */
const AUDIT_STATEMENT_ROWS = 1000;

interface Statement {
  sql: string;
  bindings: unknown[];
}

/**
 * Several data-modifying statements as one (`WITH s0 AS (...), s1 AS (...) last`), which runs
 * atomically in one round trip.
 */
function combine(statements: Statement[]): Statement {
  const last = statements[statements.length - 1];
  const before = statements.slice(0, -1);
  return {
    sql: before.length ? `WITH ${before.map((s, i) => `s${i} AS (${s.sql})`).join(', ')} ${last.sql}` : last.sql,
    bindings: statements.flatMap(s => s.bindings),
  };
}

/**
 * The entries go to the pending table, and the database chains them when the transaction
 * commits (migration 20261203090000), so that the head's lock is held only for the commit
 * itself. With `when`, they are inserted only if that CTE returned a row.
 */
function pendingInsert(audits: AuditInput[], at: string, when?: string): Statement {
  const bindings = audits.flatMap(audit => [
    at,
    audit.actor,
    audit.action,
    audit.requestId ?? null,
    JSON.stringify(audit.details ?? {}),
  ]);
  const values = audits.map(() => '(?, ?, ?, ?, ?)').join(', ');
  return {
    sql: `INSERT INTO ${PENDING} (at, actor, action, request_id, details) SELECT * FROM (VALUES ${values}) AS v(at, actor, action, request_id, details)${when ? ` WHERE EXISTS (SELECT 1 FROM ${when})` : ''}`,
    bindings,
  };
}

/**
 * The concierge's store on PostgreSQL: each write is one statement (one round trip, its own
 * transaction), request changes are decided without holding a lock, and the audit chain is
 * extended by the database at commit.
 */
export class PostgresConciergeDialect implements ConciergeDialect {
  constructor(private readonly knex: Knex) {}

  async rows(sql: string, bindings: unknown[]): Promise<Row[]> {
    return (await this.knex.raw(sql, bindings as Knex.RawBinding[])).rows;
  }

  anyOf(column: string, values: string[]): RowCondition {
    // One array parameter, however many values: no limit on bindings, one plan for any count
    return { sql: `${column} = ANY(?::text[])`, bindings: [values] };
  }

  async insertRequest(request: Row, key: Row | undefined, audits: AuditInput[], at: string): Promise<void> {
    // One statement, so one implicit transaction and one round trip: the key, the request and
    // its audit entries. A key already taken fails it as a whole.
    const statements: Statement[] = [];
    if (key) statements.push({ sql: insertSql(IDEMPOTENCY, key), bindings: Object.values(key) });
    statements.push({ sql: insertSql(REQUESTS, request), bindings: Object.values(request) });
    if (audits.length) statements.push(pendingInsert(audits, at));
    const { sql, bindings } = combine(statements);
    await this.knex.raw(sql, bindings as Knex.RawBinding[]);
  }

  async updateRequest(write: RequestWrite, condition: RowCondition, returning: 'id' | 'row'): Promise<Row | undefined> {
    // The update, the decision and the audit entries in one statement; the last two are
    // written only if the update took.
    const parts = [
      `u AS (UPDATE ${REQUESTS} SET ${assignments(write.set)} WHERE id = ? AND ${condition.sql} RETURNING ${returning === 'row' ? '*' : 'id'})`,
    ];
    const bindings: unknown[] = [...Object.values(write.set), write.id, ...condition.bindings];
    if (write.decision) {
      const names = Object.keys(write.decision).join(', ');
      const marks = Object.keys(write.decision).map(() => '?').join(', ');
      parts.push(
        `d AS (INSERT INTO ${DECISIONS} (${names}) SELECT * FROM (VALUES (${marks})) AS v(${names}) WHERE EXISTS (SELECT 1 FROM u))`,
      );
      bindings.push(...Object.values(write.decision));
    }
    if (write.audits.length) {
      const audit = pendingInsert(write.audits, write.at, 'u');
      parts.push(`a AS (${audit.sql})`);
      bindings.push(...audit.bindings);
    }
    const { rows } = await this.knex.raw(`WITH ${parts.join(', ')} SELECT * FROM u`, bindings as Knex.RawBinding[]);
    return rows[0];
  }

  async changeRequest<W extends RequestWrite>(
    id: string,
    withDecisions: boolean,
    decide: (row: Row, decisions: Row[]) => W,
  ): Promise<W> {
    // Optimistically: read the request (with its decisions and its row version, xmin), decide,
    // then write the decision, the request and its audit entries in one statement that applies
    // only if the row is still that version. When another change came first, read again and
    // decide again (which is how, of simultaneous approvals, one wins and the others see a
    // decided request). Two round trips, and no lock held while deciding.
    const decisions = withDecisions
      ? `, (SELECT coalesce(json_agg(d ORDER BY d.id), '[]') FROM ${DECISIONS} d WHERE d.request_id = r.id) AS decisions_json`
      : '';
    for (let attempt = 1; attempt <= OPTIMISTIC_ATTEMPTS; attempt += 1) {
      const [row] = await this.rows(`SELECT r.*, r.xmin::text AS row_version${decisions} FROM ${REQUESTS} r WHERE r.id = ?`, [id]);
      if (!row) throw new NotFoundError(`No access request ${id}`);
      const write = decide(row, withDecisions ? row.decisions_json : []);
      const version = { sql: 'xmin = ?::xid', bindings: [row.row_version] };
      if (await this.updateRequest(write, version, 'id')) return write;
    }
    throw new ConflictError(`Access request ${id} is changing too often to be updated; try again`);
  }

  async appendAudit(audits: AuditInput[], at: string): Promise<void> {
    if (audits.length <= AUDIT_STATEMENT_ROWS) {
      // One statement: its own transaction, chained when it commits.
      const { sql, bindings } = pendingInsert(audits, at);
      await this.knex.raw(sql, bindings as Knex.RawBinding[]);
      return;
    }
    await this.knex.transaction(async tx => {
      for (let i = 0; i < audits.length; i += AUDIT_STATEMENT_ROWS) {
        const { sql, bindings } = pendingInsert(audits.slice(i, i + AUDIT_STATEMENT_ROWS), at);
        await tx.raw(sql, bindings as Knex.RawBinding[]);
      }
    });
  }
}
