import { ConflictError, NotAllowedError } from '@backstage/errors';
import { DecisionRecord, RequestRecord } from '../database/ConciergeStore';
import { BreakGlassSettings } from '../policy/AccessPolicies';
import { Actor } from './Actor';

// Who may do what with a request. The approver groups are fixed when a request is made, so these
// rules read only the request, its decisions and the actor.

/** Whether the actor is in one of the request's approver groups. */
export function isApprover(request: RequestRecord, actor: Actor): boolean {
  return request.approverGroups.some(group => actor.groups.includes(group));
}

/** Refuses a decision by the requester or by someone outside the approver groups. */
export function assertApprover(request: RequestRecord, actor: Actor, verb: string): void {
  if (request.requester === actor.userEntityRef) {
    throw new NotAllowedError(`You cannot ${verb} your own request`);
  }
  if (!isApprover(request, actor)) {
    throw new NotAllowedError(`Only members of ${request.approverGroups.join(' or ')} may ${verb} this request`);
  }
}

/** Refuses a decision on a request that no longer waits for one. */
export function assertPendingAndWaiting(request: RequestRecord, now: Date): void {
  if (request.state !== 'pending') {
    throw new ConflictError(`The request is ${request.state}; only pending requests can be decided`);
  }
  if (request.pendingUntil && request.pendingUntil <= now.toISOString()) {
    throw new ConflictError('The request expired while waiting for approval');
  }
}

/** Whether the actor could decide this request now (the approvals inbox). */
export function canDecide(record: RequestRecord, actor: Actor, decisions: DecisionRecord[] = []): boolean {
  return (
    record.state === 'pending' &&
    record.requester !== actor.userEntityRef &&
    isApprover(record, actor) &&
    !decisions.some(d => d.actor === actor.userEntityRef)
  );
}

/** Who may review a break-glass grant: its approvers and the groups break-glass notifies. */
export function reviewersOf(request: RequestRecord, breakGlass: BreakGlassSettings): string[] {
  return [...new Set([...request.approverGroups, ...breakGlass.notifyGroups])];
}
