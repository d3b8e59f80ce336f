/** How much a grant lets its holder do on the resource. */
export const ACCESS_LEVELS = ['read', 'write', 'admin'] as const;
/** How much a grant lets its holder do on the resource. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/**
 * Where an access request is in its life.
 *
 * pending → approved → active → expired | revoked; pending → denied | cancelled | expired;
 * approved → failed (issuance failed; retry goes back to approved).
 */
export const REQUEST_STATES = [
  'pending',
  'approved',
  'active',
  'expired',
  'revoked',
  'denied',
  'cancelled',
  'failed',
] as const;
/** Where an access request is in its life. */
export type RequestState = (typeof REQUEST_STATES)[number];

/** One approver's decision on a request. */
export interface AccessDecision {
  actor: string;
  decision: 'approve' | 'deny';
  comment?: string;
  at: string;
}

/** A state change, as the request's timeline shows it. */
export interface AccessTransition {
  from?: RequestState;
  to: RequestState;
  actor: string;
  at: string;
  reason?: string;
}

/** What the concierge knows about the credential of a grant (never the secret itself). */
export interface CredentialSummary {
  /** The provider that issued it: `postgres`, `token`, ... */
  provider: string;
  /** A public handle: the login role's name, the token's id. */
  reference?: string;
  /** Whether the requester can still reveal it (it is shown once). */
  revealable: boolean;
  revealedAt?: string;
  /** How the credential is used, e.g. "PostgreSQL connection string". */
  kind?: string;
}

/** An access request, as the API returns it. */
export interface AccessRequest {
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
  decisions: AccessDecision[];
  transitions: AccessTransition[];
  createdAt: string;
  updatedAt: string;
  activatedAt?: string;
  expiresAt?: string;
  pendingUntil?: string;
  failureReason?: string;
  reviewDueAt?: string;
  reviewedAt?: string;
  reviewedBy?: string;
  /** Break-glass: when the review was found overdue and escalated to the reviewers. */
  reviewOverdueAt?: string;
  credential?: CredentialSummary;
  /** What the caller may do with it now. */
  actions?: AccessRequestAction[];
}

/** Actions a caller may take on a request, as the API tells the page. */
export type AccessRequestAction =
  | 'approve'
  | 'deny'
  | 'cancel'
  | 'revoke'
  | 'retry'
  | 'reveal'
  | 'review';

/** The shortest justification the concierge accepts, in characters. */
export const JUSTIFICATION_MIN_LENGTH = 10;

/** The shortest comment on a denial or a break-glass review, in characters. */
export const COMMENT_MIN_LENGTH = 3;

/** The body of `POST /requests`. */
export interface CreateAccessRequest {
  resourceRef: string;
  accessLevel: AccessLevel;
  durationMinutes: number;
  justification: string;
  ticket?: string;
  breakGlass?: boolean;
}

/** The one-time answer of `POST /requests/:id/credential`. */
export interface RevealedCredential {
  requestId: string;
  provider: string;
  kind: string;
  /** The secret: a connection string or a signed token. Shown once. */
  secret: string;
  expiresAt: string;
  /** Extra, non-secret facts for the user (host, database, role, audience). */
  details: Record<string, string>;
}

/** A policy, as the request form and the docs show it. */
export interface AccessPolicySummary {
  name: string;
  description?: string;
  match: {
    type?: string[];
    tenant?: string[];
    lifecycle?: string[];
    dataClassification?: string[];
    accessLevel?: AccessLevel[];
  };
  maxDurationMinutes: number;
  approvals: number;
  approverGroups: string[];
  breakGlass: boolean;
}

/** What the policy says about one resource and access level, before asking. */
export interface AccessPreview {
  resourceRef: string;
  accessLevel: AccessLevel;
  policy: string;
  maxDurationMinutes: number;
  approvals: number;
  approverGroups: string[];
  breakGlassAllowed: boolean;
  breakGlassMaxMinutes: number;
  provider: string;
}

/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  requestId?: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** What verifying the audit chain found. */
export interface AuditVerification {
  intact: boolean;
  entries: number;
  headSeq: number;
  durationMs: number;
  /** The first entry that does not fit, when the chain is broken. */
  firstBadSeq?: number;
  problem?: 'altered' | 'removed' | 'reordered' | 'truncated' | 'inserted';
  message: string;
}

/** A page of requests. */
export interface AccessRequestList {
  items: AccessRequest[];
  totalCount: number;
}

/** Who the caller is to the concierge (demo user switching shows the acting user). */
export interface ConciergeIdentity {
  userEntityRef: string;
  signedInAs: string;
  groups: string[];
  /** Demo users the caller may act as, when the backend allows switching (local mode only). */
  demoUsers?: string[];
  permissions: { create: boolean; auditRead: boolean };
}
