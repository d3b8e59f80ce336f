// The API's shapes come from the OpenAPI spec (plugins/concierge-backend/src/schema/openapi.yaml),
// so the backend, this client and the frontend cannot drift apart. The constants below are what
// forms and rules iterate over; the checks at the end keep them equal to the spec's enums.
import type { ConciergeApiComponents } from './schema/openapi';

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

/** Actions a caller may take on a request, as the API tells the page. */
export const ACCESS_REQUEST_ACTIONS = [
  'approve',
  'deny',
  'cancel',
  'revoke',
  'retry',
  'reveal',
  'review',
] as const;
/** Actions a caller may take on a request, as the API tells the page. */
export type AccessRequestAction = (typeof ACCESS_REQUEST_ACTIONS)[number];

/** One approver's decision on a request. */
export type AccessDecision =
  ConciergeApiComponents['schemas']['AccessDecision'];

/** A state change, as the request's timeline shows it. */
export type AccessTransition =
  ConciergeApiComponents['schemas']['AccessTransition'];

/** What the concierge knows about the credential of a grant (never the secret itself). */
export type CredentialSummary =
  ConciergeApiComponents['schemas']['CredentialSummary'];

/** An access request, as the API returns it. */
export type AccessRequest = ConciergeApiComponents['schemas']['AccessRequest'];

/** The shortest justification the concierge accepts, in characters. */
export const JUSTIFICATION_MIN_LENGTH = 10;

/** The shortest comment on a denial or a break-glass review, in characters. */
export const COMMENT_MIN_LENGTH = 3;

/** The body of `POST /requests`. */
export type CreateAccessRequest =
  ConciergeApiComponents['schemas']['CreateAccessRequest'];

/** The one-time answer of `POST /requests/:id/credential`. */
export type RevealedCredential =
  ConciergeApiComponents['schemas']['RevealedCredential'];

/** A policy, as the request form and the docs show it. */
export type AccessPolicySummary =
  ConciergeApiComponents['schemas']['AccessPolicySummary'];

/** What the policy says about one resource and access level, before asking. */
export type AccessPreview = ConciergeApiComponents['schemas']['AccessPreview'];

/** One entry of the hash-chained audit log. */
export type AuditEntry = ConciergeApiComponents['schemas']['AuditEntry'];

/** What verifying the audit chain found. */
export type AuditVerification =
  ConciergeApiComponents['schemas']['AuditVerification'];

/** A page of requests. */
export type AccessRequestList =
  ConciergeApiComponents['schemas']['AccessRequestList'];

/** Who the caller is to the concierge (demo user switching shows the acting user). */
export type ConciergeIdentity =
  ConciergeApiComponents['schemas']['ConciergeIdentity'];

// The shared enumerations must be the spec's: these fail to compile when either side changes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const accessLevelsMatchSpec: Same<
  AccessLevel,
  ConciergeApiComponents['schemas']['AccessLevel']
> = true;
const statesMatchSpec: Same<
  RequestState,
  ConciergeApiComponents['schemas']['RequestState']
> = true;
const actionsMatchSpec: Same<
  AccessRequestAction,
  ConciergeApiComponents['schemas']['AccessRequestAction']
> = true;
void [accessLevelsMatchSpec, statesMatchSpec, actionsMatchSpec];
