import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { AuditEntry, AuditVerification, RequestState } from '@souverain/plugin-concierge-common';
import { Knex } from 'knex';
import { AuditChainVerifier } from './auditChain';
import { ConciergeDialect, RequestWrite } from './ConciergeDialect';
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
import {
  AUDIT,
  DECISIONS,
  HEAD,
  IDEMPOTENCY,
  KEYS,
  REQUESTS,
  fromRow,
  idempotencyRow,
  isUniqueViolation,
  toAuditEntry,
  toAuditRow,
  toDecision,
  toRow,
} from './conciergeRows';
import { PostgresConciergeDialect } from './PostgresConciergeDialect';
import { SqliteConciergeDialect } from './SqliteConciergeDialect';

const migrationsDir = resolvePackagePath('@souverain/plugin-concierge-backend', 'migrations');

/** Rows read per round trip when verifying or exporting the audit log. */
const AUDIT_BATCH = 10_000;

/**
 * The knex implementation of {@link ConciergeStore}, on SQLite or PostgreSQL. Each operation is
 * written once; where the two databases must work differently (how a change and its audit
 * entries commit together), it goes through a `ConciergeDialect`.
 */
export class DatabaseConciergeStore implements ConciergeStore {
  private constructor(
    private readonly db: Knex,
    private readonly dialect: ConciergeDialect,
  ) {}

  /** Runs the migrations (unless the backend skips them) and returns the store. */
  static async create(database: DatabaseService): Promise<DatabaseConciergeStore> {
    const knex = await database.getClient();
    const dialect =
      knex.client.config.client === 'better-sqlite3'
        ? await SqliteConciergeDialect.open(knex)
        : new PostgresConciergeDialect(knex);
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseConciergeStore(knex, dialect);
  }

  async createRequest(
    record: RequestRecord,
    audits: AuditInput[],
    idempotency?: { key: string; bodyHash: string },
  ): Promise<CreateResult> {
    const key = idempotency && idempotencyRow(record, idempotency);
    try {
      await this.dialect.insertRequest(toRow(record), key, audits, record.createdAt);
      return { record, replayed: false };
    } catch (error) {
      // A key already taken fails the whole write: the first call's answer is replayed
      const earlier = idempotency && isUniqueViolation(error) ? await this.replay(record.requester, idempotency) : undefined;
      if (!earlier) throw error;
      return earlier;
    }
  }

  private async replay(requester: string, idempotency: { key: string; bodyHash: string }): Promise<CreateResult | undefined> {
    const [existing] = await this.dialect.rows(
      `SELECT body_hash, request_id FROM ${IDEMPOTENCY} WHERE requester = ? AND key = ?`,
      [requester, idempotency.key],
    );
    if (!existing) return undefined;
    if (existing.body_hash !== idempotency.bodyHash) {
      throw new IdempotencyKeyReusedError(
        'This Idempotency-Key was already used with a different request body; use a new key for a new request',
      );
    }
    const first = await this.getRequest(existing.request_id);
    if (!first) throw new NotFoundError(`Request ${existing.request_id} no longer exists`);
    return { record: first, replayed: true };
  }

  async getRequest(id: string): Promise<RequestRecord | undefined> {
    const [row] = await this.dialect.rows(`SELECT * FROM ${REQUESTS} WHERE id = ?`, [id]);
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
    const ids = this.dialect.anyOf('request_id', requestIds);
    const rows = await this.dialect.rows(`SELECT * FROM ${DECISIONS} WHERE ${ids.sql} ORDER BY id`, ids.bindings);
    return rows.map(toDecision);
  }

  async mutateRequest(
    id: string,
    decide: (current: RequestRecord, decisions: DecisionRecord[]) => RequestMutation,
    options: { withDecisions?: boolean } = {},
  ): Promise<RequestRecord> {
    let decidedBy: string | undefined;
    try {
      const write = await this.dialect.changeRequest(id, options.withDecisions ?? false, (row, decisions) => {
        const current = fromRow(row);
        const planned = this.plan(id, current, decide(current, decisions.map(toDecision)));
        decidedBy = planned.decision?.actor;
        return planned;
      });
      return write.next;
    } catch (error) {
      // The decisions table takes one decision per approver and request
      throw decidedBy && isUniqueViolation(error) ? new ConflictError(`${decidedBy} has already decided this request`) : error;
    }
  }

  /** The rows a mutation writes, and the request after it. */
  private plan(id: string, current: RequestRecord, mutation: RequestMutation): RequestWrite & { next: RequestRecord } {
    const at = mutation.patch.updatedAt ?? new Date().toISOString();
    return {
      id,
      at,
      next: { ...current, ...mutation.patch, updatedAt: at } as RequestRecord,
      set: toRow({ ...mutation.patch, updatedAt: at }),
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
    const write = { id, set: toRow({ ...patch, updatedAt: at }), audits, at };
    const row = await this.dialect.updateRequest(write, { sql: 'state = ?', bindings: [state] }, 'row');
    return row ? fromRow(row) : undefined;
  }

  async claimIssuance(
    id: string,
    now: string,
    patch: Partial<Pick<RequestRecord, 'issuingUntil' | 'credentialReference'>>,
    audits: AuditInput[],
  ): Promise<boolean> {
    const unclaimed = {
      sql: `state = 'approved' AND (issuing_until IS NULL OR issuing_until < ?)`,
      bindings: [now],
    };
    const claimed = await this.dialect.updateRequest({ id, set: toRow(patch), audits, at: now }, unclaimed, 'id');
    return claimed !== undefined;
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
    const refs = this.dialect.anyOf('credential_reference', references);
    const rows = await this.dialect.rows(
      `SELECT credential_reference, state FROM ${REQUESTS} WHERE provider = ? AND ${refs.sql}`,
      [provider, ...refs.bindings],
    );
    for (const row of rows) states.set(row.credential_reference, row.state);
    return states;
  }

  async appendAudit(audits: AuditInput[]): Promise<void> {
    if (audits.length === 0) return;
    await this.dialect.appendAudit(audits, new Date().toISOString());
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
