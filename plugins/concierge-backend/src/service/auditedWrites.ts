import { RequestState } from '@souverain/plugin-concierge-common';
import { AuditInput, ConciergeStore, RequestRecord } from '../database/ConciergeStore';
import { Actor } from './Actor';

/** The store's writes a user's action makes: a new request, a change of one, audit entries. */
export type RequestWriter = Pick<ConciergeStore, 'createRequest' | 'mutateRequest' | 'appendAudit'>;

/**
 * The store's writes on behalf of `actor`. When someone acts as another user (the local demo),
 * each audit entry of the acted-as user also names who was signed in, so the log keeps the
 * real person behind every step.
 */
export function writerFor(store: ConciergeStore, actor?: Actor): RequestWriter {
  const signedInAs = actor?.signedInAs;
  if (!actor || !signedInAs || signedInAs === actor.userEntityRef) return store;
  const stamp = (audits: AuditInput[]) =>
    audits.map(audit =>
      audit.actor === actor.userEntityRef ? { ...audit, details: { ...audit.details, signedInAs } } : audit,
    );
  return {
    createRequest: (record, audits, idempotency) => store.createRequest(record, stamp(audits), idempotency),
    mutateRequest: (id, decide, options) =>
      store.mutateRequest(
        id,
        (current, decisions) => {
          const mutation = decide(current, decisions);
          return { ...mutation, audits: stamp(mutation.audits) };
        },
        options,
      ),
    appendAudit: audits => store.appendAudit(stamp(audits)),
  };
}

/** The audit entry of a change of state; the request's timeline is read back from these. */
export function transition(
  request: RequestRecord,
  to: RequestState,
  actor: string,
  extra: Record<string, unknown> = {},
): AuditInput {
  return {
    actor,
    action: `request.${to}`,
    requestId: request.id,
    details: { from: request.state, to, ...extra },
  };
}
