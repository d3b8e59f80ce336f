import {
  AccessLevel,
  AuditEntry,
  AuditVerification,
  RequestState,
} from '@souverain/plugin-concierge-common';

/** A request as stored. Times are ISO-8601 UTC strings. */
export interface RequestRecord {
  id: string;
  requester: string;
  resourceRef: string;
  resourceTitle?: string;
  accessLevel: AccessLevel;
  durationMinutes: number;
  justification: string;
  ticket?: string;
  breakGlass: boolean;
  state: RequestState;
  policy: string;
  approvalsRequired: number;
  approverGroups: string[];
  provider: string;
  target: string;
  createdAt: string;
  updatedAt: string;
  pendingUntil?: string;
  activatedAt?: string;
  expiresAt?: string;
  issuingUntil?: string;
  failureReason?: string;
  reviewDueAt?: string;
  reviewedAt?: string;
  reviewedBy?: string;
  /** Break-glass: when the sweep found the review overdue and told the reviewers. */
  reviewOverdueAt?: string;
  credentialReference?: string;
  credentialKind?: string;
  /** Sealed with the concierge's SecretBox; cleared when revealed. */
  credentialSecret?: string;
  credentialDetails?: Record<string, string>;
  revealedAt?: string;
}

/** An approver's decision as stored. */
export interface DecisionRecord {
  requestId: string;
  actor: string;
  decision: 'approve' | 'deny';
  comment?: string;
  at: string;
}

/** An audit entry to append; the store gives it its place in the chain. */
export interface AuditInput {
  actor: string;
  action: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

/** What a mutation of one request does, decided while the request is locked. */
export interface RequestMutation {
  patch: Partial<Omit<RequestRecord, 'id'>>;
  audits: AuditInput[];
  decision?: Omit<DecisionRecord, 'requestId'>;
}

/** Filters for listing requests. */
export interface RequestFilter {
  requester?: string;
  resourceRef?: string;
  states?: RequestState[];
  /** Only break-glass requests nobody has reviewed yet. */
  unreviewedBreakGlass?: boolean;
  limit?: number;
  offset?: number;
}

/** The outcome of a create with an idempotency key. */
export interface CreateResult {
  record: RequestRecord;
  /** True when the key had been used with the same body: the first request is returned. */
  replayed: boolean;
}

/** Thrown when an idempotency key is reused with a different body. */
export class IdempotencyKeyReusedError extends Error {
  readonly name = 'IdempotencyKeyReusedError';
  readonly statusCode = 422;
}

/**
 * The concierge's tables: requests, decisions, idempotency keys, signing keys and the
 * hash-chained audit log. Every change to a request and its audit entries commit together.
 */
export interface ConciergeStore {
  createRequest(
    record: RequestRecord,
    audits: AuditInput[],
    idempotency?: { key: string; bodyHash: string },
  ): Promise<CreateResult>;
  getRequest(id: string): Promise<RequestRecord | undefined>;
  listRequests(filter: RequestFilter): Promise<{ items: RequestRecord[]; totalCount: number }>;
  getDecisions(requestIds: string[]): Promise<DecisionRecord[]>;
  /**
   * Locks the request, lets `decide` look at it (and its decisions, when `withDecisions`), then
   * writes the patch, the decision and the audit entries in one transaction. `decide` throws to
   * refuse.
   */
  mutateRequest(
    id: string,
    decide: (current: RequestRecord, decisions: DecisionRecord[]) => RequestMutation,
    options?: { withDecisions?: boolean },
  ): Promise<RequestRecord>;
  /**
   * Writes `patch` and `audits` only if the request is still in `state`, without reading it
   * first (one statement on PostgreSQL); resolves to the request after, or undefined when it
   * is missing or in another state (nothing written).
   */
  updateInState(
    id: string,
    state: RequestState,
    patch: Partial<Omit<RequestRecord, 'id'>>,
    audits: AuditInput[],
  ): Promise<RequestRecord | undefined>;
  /**
   * Takes the issuance lease of an approved request (writing `patch` and `audits` with it);
   * false when another worker holds an unexpired lease.
   */
  claimIssuance(
    id: string,
    now: string,
    patch: Partial<Pick<RequestRecord, 'issuingUntil' | 'credentialReference'>>,
    audits: AuditInput[],
  ): Promise<boolean>;
  /** Requests whose time is up: active past expiry, pending past their wait. */
  findDue(now: string): Promise<RequestRecord[]>;
  /** Approved requests whose issuance nobody holds (a worker died or issuance never started). */
  findStalledIssuance(now: string, approvedBefore: string): Promise<RequestRecord[]>;
  /** Break-glass grants whose review is due by `now`, not done, and not yet escalated. */
  findOverdueReviews(now: string): Promise<RequestRecord[]>;
  /**
   * The state of the request behind each of these credential references of one provider.
   * References no request of this concierge recorded are absent: they belong to someone else.
   */
  credentialStates(provider: string, references: string[]): Promise<Map<string, RequestRecord['state']>>;
  appendAudit(audits: AuditInput[]): Promise<void>;
  listAudit(options: { requestId?: string; before?: number; limit: number }): Promise<AuditEntry[]>;
  auditHeadSeq(): Promise<number>;
  verifyAudit(): Promise<AuditVerification>;
  /** Calls `write` with each audit entry in chain order, in batches. */
  exportAudit(write: (entries: AuditEntry[]) => Promise<void> | void): Promise<void>;
  listSigningKeys(): Promise<Array<{ kid: string; publicJwk: string; privateJwk: string; createdAt: string }>>;
  addSigningKey(key: { kid: string; publicJwk: string; privateJwk: string; createdAt: string }): Promise<void>;
}
