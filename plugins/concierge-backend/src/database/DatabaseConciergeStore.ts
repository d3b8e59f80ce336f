import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { AuditEntry, AuditVerification, RequestState } from '@souverain/plugin-concierge-common';
import { Knex } from 'knex';
import { AuditChainVerifier, AuditRow, auditEntryHash } from './auditChain';
import { SqliteTransaction, SqliteTransactions } from './SqliteTransactions';
import {
  AuditInput,
  ConciergeStore,
  CreateResult,
  DecisionRecord,
  IdempotencyKeyReusedError,
  RequestFilter,
  RequestMutation,
  RequestRecord,
} from './ConciergeStore';

const migrationsDir = resolvePackagePath('@souverain/plugin-concierge-backend', 'migrations');

const REQUESTS = 'concierge_requests';
const DECISIONS = 'concierge_decisions';
const AUDIT = 'concierge_audit';
const HEAD = 'concierge_audit_head';
/** PostgreSQL only: entries waiting for their transaction's commit to be chained. */
const PENDING = 'concierge_audit_pending';
const IDEMPOTENCY = 'concierge_idempotency';
const KEYS = 'concierge_signing_keys';

/** PostgreSQL: how many times a request change is decided again after losing to another. */
const OPTIMISTIC_ATTEMPTS = 50;

/** Rows read per round trip when verifying or exporting the audit log. */
const AUDIT_BATCH = 10_000;

type Row = Record<string, any>;

const columns: Record<keyof RequestRecord, string> = {
  id: 'id',
  requester: 'requester',
  resourceRef: 'resource_ref',
  resourceTitle: 'resource_title',
  accessLevel: 'access_level',
  durationMinutes: 'duration_minutes',
  justification: 'justification',
  ticket: 'ticket',
  breakGlass: 'break_glass',
  state: 'state',
  policy: 'policy',
  approvalsRequired: 'approvals_required',
  approverGroups: 'approver_groups',
  provider: 'provider',
  target: 'target',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  pendingUntil: 'pending_until',
  activatedAt: 'activated_at',
  expiresAt: 'expires_at',
  issuingUntil: 'issuing_until',
  failureReason: 'failure_reason',
  reviewDueAt: 'review_due_at',
  reviewedAt: 'reviewed_at',
  reviewedBy: 'reviewed_by',
  reviewOverdueAt: 'review_overdue_at',
  credentialReference: 'credential_reference',
  credentialKind: 'credential_kind',
  credentialSecret: 'credential_secret',
  credentialDetails: 'credential_details',
  revealedAt: 'revealed_at',
};

function toRow(record: Partial<RequestRecord>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(record)) {
    const column = columns[key as keyof RequestRecord];
    if (!column) continue;
    if (key === 'approverGroups' || key === 'credentialDetails') {
      row[column] = value === undefined || value === null ? null : JSON.stringify(value);
    } else {
      row[column] = value === undefined ? null : value;
    }
  }
  return row;
}

function fromRow(row: Row): RequestRecord {
  const record: Row = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    record[key] = value;
  }
  record.breakGlass = Boolean(row.break_glass);
  record.durationMinutes = Number(row.duration_minutes);
  record.approvalsRequired = Number(row.approvals_required);
  record.approverGroups = JSON.parse(row.approver_groups ?? '[]');
  if (row.credential_details) record.credentialDetails = JSON.parse(row.credential_details);
  return record as RequestRecord;
}

function toAuditRow(row: Row): AuditRow {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    requestId: row.request_id ?? null,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    requestId: row.requestId ?? undefined,
    details: JSON.parse(row.details),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

function toDecision(row: Row): DecisionRecord {
  return {
    requestId: row.request_id,
    actor: row.actor,
    decision: row.decision,
    comment: row.comment ?? undefined,
    at: row.at,
  };
}

const insertSql = (table: string, row: Row) =>
  `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`;
/** The row that remembers an Idempotency-Key and the request it created. */
function idempotencyRow(record: RequestRecord, idempotency: { key: string; bodyHash: string }): Row {
  return {
    requester: record.requester,
    key: idempotency.key,
    body_hash: idempotency.bodyHash,
    request_id: record.id,
    created_at: record.createdAt,
  };
}

/**
 * PostgreSQL: several data-modifying statements as one (`WITH s0 AS (...), s1 AS (...) last`),
 * which runs atomically in one round trip.
 */
function combine(statements: Array<{ sql: string; bindings: unknown[] }>) {
  const last = statements[statements.length - 1];
  const before = statements.slice(0, -1);
  return {
    sql: before.length ? `WITH ${before.map((s, i) => `s${i} AS (${s.sql})`).join(', ')} ${last.sql}` : last.sql,
    bindings: statements.flatMap(s => s.bindings),
  };
}
const assignments = (row: Row) => Object.keys(row).map(column => `${column} = ?`).join(', ');

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** A second decision by the same approver is a conflict. */
function decisionError(error: unknown, actor: string): unknown {
  return isUniqueViolation(error) ? new ConflictError(`${actor} has already decided this request`) : error;
}

/** The knex implementation of {@link ConciergeStore}, on SQLite or PostgreSQL. */
export class DatabaseConciergeStore implements ConciergeStore {
  /** On SQLite, the hot paths run as synchronous transactions with prepared statements. */
  private readonly sqlite?: SqliteTransactions;

  private constructor(private readonly db: Knex) {
    if (db.client.config.client === 'better-sqlite3') this.sqlite = new SqliteTransactions(db);
  }

  /** Runs the migrations (unless the backend skips them) and returns the store. */
  static async create(database: DatabaseService): Promise<DatabaseConciergeStore> {
    const knex = await database.getClient();
    if (knex.client.config.client === 'better-sqlite3') {
      // A write-ahead log, synced at checkpoints rather than at every commit: on SQLite (the
      // embedded, single-machine default) a commit then costs no disk flush on the request's
      // path. A commit survives a crash of the portal; only a power loss may lose the last
      // ones, never the chain's consistency. Production runs on PostgreSQL.
      await knex.raw('PRAGMA journal_mode = WAL');
      await knex.raw('PRAGMA synchronous = NORMAL');
    }
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseConciergeStore(knex);
  }

  /** The audit rows that extend the chain from `head`, and the new head. */
  private chainRows(head: Row, audits: AuditInput[], at: string) {
    let seq = Number(head.seq);
    let prevHash: string = head.hash;
    const rows = audits.map(audit => {
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
      prevHash = hash;
      return row;
    });
    return { rows, head: { seq, hash: prevHash } };
  }

  /**
   * PostgreSQL: the entries go to the pending table, and the database chains them when the
   * transaction commits (migration 20261203090000), so that the head's lock is held only for
   * the commit itself. Returns a statement that inserts them, for `WITH ... <this>`, and its
   * bindings; with `when`, only if that CTE returned a row.
   */
  private pendingInsert(audits: AuditInput[], at: string, when?: string): { sql: string; bindings: unknown[] } {
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

  private appendSync(tx: SqliteTransaction, audits: AuditInput[], at: string): void {
    if (audits.length === 0) return;
    const { rows, head } = this.chainRows(tx.get(`SELECT seq, hash FROM ${HEAD} WHERE id = 1`)!, audits, at);
    for (const row of rows) tx.run(insertSql(AUDIT, row), Object.values(row));
    tx.run(`UPDATE ${HEAD} SET seq = ?, hash = ? WHERE id = 1`, [head.seq, head.hash]);
  }

  async createRequest(
    record: RequestRecord,
    audits: AuditInput[],
    idempotency?: { key: string; bodyHash: string },
  ): Promise<CreateResult> {
    if (this.sqlite) {
      // One transaction that nothing interleaves with: no concurrent call with the same key to lose to.
      return this.sqlite.write(tx => {
        if (idempotency) {
          const existing = tx.get(`SELECT * FROM ${IDEMPOTENCY} WHERE requester = ? AND key = ?`, [
            record.requester,
            idempotency.key,
          ]);
          if (existing) {
            if (existing.body_hash !== idempotency.bodyHash) throw this.keyReused();
            const first = tx.get(`SELECT * FROM ${REQUESTS} WHERE id = ?`, [existing.request_id]);
            if (!first) throw new NotFoundError(`Request ${existing.request_id} no longer exists`);
            return { record: fromRow(first), replayed: true };
          }
          const key = idempotencyRow(record, idempotency);
          tx.run(insertSql(IDEMPOTENCY, key), Object.values(key));
        }
        const row = toRow(record);
        tx.run(insertSql(REQUESTS, row), Object.values(row));
        this.appendSync(tx, audits, record.createdAt);
        return { record, replayed: false };
      });
    }
    const replay = async (): Promise<CreateResult | undefined> => {
      if (!idempotency) return undefined;
      const existing = await this.db(IDEMPOTENCY)
        .where({ requester: record.requester, key: idempotency.key })
        .first();
      if (!existing) return undefined;
      if (existing.body_hash !== idempotency.bodyHash) throw this.keyReused();
      const first = await this.getRequest(existing.request_id);
      if (!first) throw new NotFoundError(`Request ${existing.request_id} no longer exists`);
      return { record: first, replayed: true };
    };

    // One statement, so one implicit transaction and one round trip: the key, the request and
    // its audit entries. A key already taken fails it as a whole, and the first answer is replayed.
    const statements: Array<{ sql: string; bindings: unknown[] }> = [];
    if (idempotency) {
      const key = idempotencyRow(record, idempotency);
      statements.push({ sql: insertSql(IDEMPOTENCY, key), bindings: Object.values(key) });
    }
    const row = toRow(record);
    statements.push({ sql: insertSql(REQUESTS, row), bindings: Object.values(row) });
    if (audits.length) statements.push(this.pendingInsert(audits, record.createdAt));
    const { sql: statement, bindings } = combine(statements);
    try {
      await this.db.raw(statement, bindings as Knex.RawBinding[]);
    } catch (error) {
      if (idempotency && isUniqueViolation(error)) {
        const earlier = await replay();
        if (earlier) return earlier;
      }
      throw error;
    }
    return { record, replayed: false };
  }

  private keyReused() {
    return new IdempotencyKeyReusedError(
      'This Idempotency-Key was already used with a different request body; use a new key for a new request',
    );
  }

  async getRequest(id: string): Promise<RequestRecord | undefined> {
    const row = this.sqlite
      ? await this.sqlite.read(tx => tx.get(`SELECT * FROM ${REQUESTS} WHERE id = ?`, [id]))
      : await this.db(REQUESTS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async listRequests(filter: RequestFilter) {
    const query = this.db(REQUESTS);
    if (filter.requester) query.where('requester', filter.requester);
    if (filter.resourceRef) query.where('resource_ref', filter.resourceRef);
    if (filter.states?.length) query.whereIn('state', filter.states);
    if (filter.unreviewedBreakGlass) query.where('break_glass', true).whereNull('reviewed_at');
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc')
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0);
    return { items: rows.map(fromRow), totalCount: Number(count) };
  }

  async getDecisions(requestIds: string[]): Promise<DecisionRecord[]> {
    if (requestIds.length === 0) return [];
    if (this.sqlite) {
      // One statement for any number of ids: they travel as one JSON array
      const sql = `SELECT * FROM ${DECISIONS} WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY id`;
      return (await this.sqlite.read(tx => tx.all(sql, [JSON.stringify(requestIds)]))).map(toDecision);
    }
    const rows = await this.db(DECISIONS).whereIn('request_id', requestIds).orderBy('id');
    return rows.map(toDecision);
  }

  async mutateRequest(
    id: string,
    decide: (current: RequestRecord, decisions: DecisionRecord[]) => RequestMutation,
    options: { withDecisions?: boolean } = {},
  ): Promise<RequestRecord> {
    if (this.sqlite) {
      return this.sqlite.write(tx => {
        const row = tx.get(`SELECT * FROM ${REQUESTS} WHERE id = ?`, [id]);
        if (!row) throw new NotFoundError(`No access request ${id}`);
        const decisions = options.withDecisions
          ? tx.all(`SELECT * FROM ${DECISIONS} WHERE request_id = ? ORDER BY id`, [id]).map(toDecision)
          : [];
        const current = fromRow(row);
        const plan = this.plan(id, current, decide(current, decisions));
        if (plan.decision) {
          try {
            tx.run(insertSql(DECISIONS, plan.decision), Object.values(plan.decision));
          } catch (error) {
            throw decisionError(error, plan.decision.actor);
          }
        }
        tx.run(`UPDATE ${REQUESTS} SET ${assignments(plan.patch)} WHERE id = ?`, [...Object.values(plan.patch), id]);
        this.appendSync(tx, plan.audits, plan.at);
        return plan.next;
      });
    }
    // PostgreSQL, optimistically: read the request (with its decisions and its row version,
    // xmin), decide, then write the decision, the request and its audit entries in one
    // statement that applies only if the row is still that version. When another change came
    // first, read again and decide again (which is how, of simultaneous approvals, one wins and
    // the others see a decided request). Two round trips, and no lock held while deciding.
    const withDecisions = options.withDecisions
      ? `, (SELECT coalesce(json_agg(d ORDER BY d.id), '[]') FROM ${DECISIONS} d WHERE d.request_id = r.id) AS decisions_json`
      : '';
    for (let attempt = 1; attempt <= OPTIMISTIC_ATTEMPTS; attempt += 1) {
      const { rows } = await this.db.raw(
        `SELECT r.*, r.xmin::text AS row_version${withDecisions} FROM ${REQUESTS} r WHERE r.id = ?`,
        [id],
      );
      const row = rows[0];
      if (!row) throw new NotFoundError(`No access request ${id}`);
      const decisionRows: Row[] = options.withDecisions ? row.decisions_json : [];
      const current = fromRow(row);
      const plan = this.plan(id, current, decide(current, decisionRows.map(toDecision)));
      const parts = [
        `u AS (UPDATE ${REQUESTS} SET ${assignments(plan.patch)} WHERE id = ? AND xmin = ?::xid RETURNING id)`,
      ];
      const bindings: unknown[] = [...Object.values(plan.patch), id, row.row_version];
      if (plan.decision) {
        const names = Object.keys(plan.decision).join(', ');
        const marks = Object.keys(plan.decision).map(() => '?').join(', ');
        parts.push(
          `d AS (INSERT INTO ${DECISIONS} (${names}) SELECT * FROM (VALUES (${marks})) AS v(${names}) WHERE EXISTS (SELECT 1 FROM u))`,
        );
        bindings.push(...Object.values(plan.decision));
      }
      if (plan.audits.length) {
        const audit = this.pendingInsert(plan.audits, plan.at, 'u');
        parts.push(`a AS (${audit.sql})`);
        bindings.push(...audit.bindings);
      }
      let applied: boolean;
      try {
        const result = await this.db.raw(`WITH ${parts.join(', ')} SELECT count(*) AS n FROM u`, bindings as Knex.RawBinding[]);
        applied = Number(result.rows[0].n) === 1;
      } catch (error) {
        throw plan.decision ? decisionError(error, plan.decision.actor) : error;
      }
      if (applied) return plan.next;
    }
    throw new ConflictError(`Access request ${id} is changing too often to be updated; try again`);
  }

  /** The rows a mutation writes, and the request after it. */
  private plan(id: string, current: RequestRecord, mutation: RequestMutation) {
    const at = mutation.patch.updatedAt ?? new Date().toISOString();
    return {
      at,
      next: { ...current, ...mutation.patch, updatedAt: at } as RequestRecord,
      patch: toRow({ ...mutation.patch, updatedAt: at }),
      audits: mutation.audits,
      decision: mutation.decision && {
        request_id: id,
        actor: mutation.decision.actor,
        decision: mutation.decision.decision,
        comment: mutation.decision.comment ?? null,
        at: mutation.decision.at,
      },
    };
  }

  async updateInState(
    id: string,
    state: RequestState,
    patch: Partial<Omit<RequestRecord, 'id'>>,
    audits: AuditInput[],
  ): Promise<RequestRecord | undefined> {
    const at = patch.updatedAt ?? new Date().toISOString();
    const row = toRow({ ...patch, updatedAt: at });
    if (this.sqlite) {
      return this.sqlite.write(tx => {
        if (tx.run(`UPDATE ${REQUESTS} SET ${assignments(row)} WHERE id = ? AND state = ?`, [...Object.values(row), id, state]) !== 1) {
          return undefined;
        }
        this.appendSync(tx, audits, at);
        return fromRow(tx.get(`SELECT * FROM ${REQUESTS} WHERE id = ?`, [id])!);
      });
    }
    const update = `u AS (UPDATE ${REQUESTS} SET ${assignments(row)} WHERE id = ? AND state = ? RETURNING *)`;
    const audit = audits.length ? this.pendingInsert(audits, at, 'u') : undefined;
    const { rows } = await this.db.raw(`WITH ${update}${audit ? `, a AS (${audit.sql})` : ''} SELECT * FROM u`, [
      ...Object.values(row),
      id,
      state,
      ...(audit?.bindings ?? []),
    ] as Knex.RawBinding[]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async claimIssuance(
    id: string,
    now: string,
    patch: Partial<Pick<RequestRecord, 'issuingUntil' | 'credentialReference'>>,
    audits: AuditInput[],
  ): Promise<boolean> {
    if (this.sqlite) {
      const row = toRow(patch);
      return this.sqlite.write(tx => {
        const updated = tx.run(
          `UPDATE ${REQUESTS} SET ${assignments(row)} WHERE id = ? AND state = 'approved' AND (issuing_until IS NULL OR issuing_until < ?)`,
          [...Object.values(row), id, now],
        );
        if (updated !== 1) return false;
        this.appendSync(tx, audits, now);
        return true;
      });
    }
    // PostgreSQL: the claim and its audit entries in one statement; the entries are written
    // only if the claim took.
    const row = toRow(patch);
    const claim = `c AS (UPDATE ${REQUESTS} SET ${assignments(row)} WHERE id = ? AND state = 'approved' AND (issuing_until IS NULL OR issuing_until < ?) RETURNING id)`;
    const audit = audits.length ? this.pendingInsert(audits, now, 'c') : undefined;
    const sql = audit
      ? `WITH ${claim}, a AS (${audit.sql}) SELECT count(*) AS claimed FROM c`
      : `WITH ${claim} SELECT count(*) AS claimed FROM c`;
    const { rows } = await this.db.raw(sql, [...Object.values(row), id, now, ...(audit?.bindings ?? [])] as Knex.RawBinding[]);
    return Number(rows[0].claimed) === 1;
  }

  async findDue(now: string): Promise<RequestRecord[]> {
    const rows = await this.db(REQUESTS)
      .where(q => q.where('state', 'active').andWhere('expires_at', '<=', now))
      .orWhere(q => q.where('state', 'pending').andWhere('pending_until', '<=', now))
      .orderBy('expires_at')
      .limit(500);
    return rows.map(fromRow);
  }

  async findStalledIssuance(now: string, approvedBefore: string): Promise<RequestRecord[]> {
    const rows = await this.db(REQUESTS)
      .where('state', 'approved')
      .andWhere('updated_at', '<', approvedBefore)
      .andWhere(q => q.whereNull('issuing_until').orWhere('issuing_until', '<', now))
      .limit(100);
    return rows.map(fromRow);
  }

  async findOverdueReviews(now: string): Promise<RequestRecord[]> {
    const rows = await this.db(REQUESTS)
      .where('break_glass', true)
      .whereNull('reviewed_at')
      .whereNull('review_overdue_at')
      .andWhere('review_due_at', '<=', now)
      .orderBy('review_due_at')
      .limit(100);
    return rows.map(fromRow);
  }

  async credentialStates(provider: string, references: string[]) {
    const states = new Map<string, RequestRecord['state']>();
    if (this.sqlite) {
      const rows = await this.sqlite.read(tx =>
        tx.all(
          `SELECT credential_reference, state FROM ${REQUESTS} WHERE provider = ? AND credential_reference IN (SELECT value FROM json_each(?))`,
          [provider, JSON.stringify(references)],
        ),
      );
      for (const row of rows) states.set(row.credential_reference, row.state);
      return states;
    }
    for (let i = 0; i < references.length; i += 500) {
      const rows = await this.db(REQUESTS)
        .where({ provider })
        .whereIn('credential_reference', references.slice(i, i + 500))
        .select('credential_reference', 'state');
      for (const row of rows) states.set(row.credential_reference, row.state);
    }
    return states;
  }

  async appendAudit(audits: AuditInput[]): Promise<void> {
    const at = new Date().toISOString();
    if (this.sqlite) {
      await this.sqlite.write(tx => this.appendSync(tx, audits, at));
      return;
    }
    if (audits.length === 0) return;
    if (audits.length <= 1000) {
      // One statement: its own transaction, chained when it commits.
      const { sql, bindings } = this.pendingInsert(audits, at);
      await this.db.raw(sql, bindings as Knex.RawBinding[]);
      return;
    }
    // PostgreSQL takes at most 65,535 bindings per statement.
    await this.db.transaction(async tx => {
      for (let i = 0; i < audits.length; i += 1000) {
        const { sql, bindings } = this.pendingInsert(audits.slice(i, i + 1000), at);
        await tx.raw(sql, bindings as Knex.RawBinding[]);
      }
    });
  }

  async listAudit(options: { requestId?: string; before?: number; limit: number }) {
    const query = this.db(AUDIT);
    if (options.requestId) query.where('request_id', options.requestId);
    if (options.before !== undefined) query.where('seq', '<', options.before);
    const rows = await query.orderBy('seq', options.requestId ? 'asc' : 'desc').limit(options.limit);
    return rows.map(row => toAuditEntry(toAuditRow(row)));
  }

  async auditHeadSeq(): Promise<number> {
    const head = await this.db(HEAD).where({ id: 1 }).first();
    return Number(head?.seq ?? 0);
  }

  async verifyAudit(): Promise<AuditVerification> {
    const started = Date.now();
    const verifier = new AuditChainVerifier();
    // Read the head first: entries appended while we walk are after it and not judged.
    const head = await this.db(HEAD).where({ id: 1 }).first();
    const headSeq = Number(head.seq);
    // Exact seq ranges rather than "after X, limit N": seq has no gaps unless rows were removed,
    // and a bounded range keeps every query to one batch of index reads.
    for (let after = 0; after < headSeq; after += AUDIT_BATCH) {
      const rows = await this.auditRange(after, Math.min(after + AUDIT_BATCH, headSeq));
      if (!verifier.push(rows.map(toAuditRow))) break;
    }
    return verifier.finish({ seq: headSeq, hash: head.hash }, Date.now() - started);
  }

  async exportAudit(write: (entries: AuditEntry[]) => Promise<void> | void): Promise<void> {
    const headSeq = await this.auditHeadSeq();
    for (let after = 0; after < headSeq; after += AUDIT_BATCH) {
      const rows = await this.auditRange(after, Math.min(after + AUDIT_BATCH, headSeq));
      if (rows.length) await write(rows.map(row => toAuditEntry(toAuditRow(row))));
    }
  }

  private auditRange(after: number, upTo: number) {
    return this.db(AUDIT).where('seq', '>', after).andWhere('seq', '<=', upTo).orderBy('seq');
  }

  async listSigningKeys() {
    const rows = await this.db(KEYS).orderBy('created_at').orderBy('kid');
    return rows.map(row => ({
      kid: row.kid,
      publicJwk: row.public_jwk,
      privateJwk: row.private_jwk,
      createdAt: row.created_at,
    }));
  }

  async addSigningKey(key: { kid: string; publicJwk: string; privateJwk: string; createdAt: string }) {
    await this.db(KEYS).insert({
      kid: key.kid,
      public_jwk: key.publicJwk,
      private_jwk: key.privateJwk,
      created_at: key.createdAt,
    });
  }
}
