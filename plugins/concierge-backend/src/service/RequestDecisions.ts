import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuditInput, ConciergeStore, DecisionRecord, RequestRecord } from '../database/ConciergeStore';
import { BreakGlassSettings } from '../policy/AccessPolicies';
import { Actor } from './Actor';
import { transition, writerFor } from './auditedWrites';
import { CredentialIssuer } from './CredentialIssuer';
import { findRequest } from './findRequest';
import { assertApprover, assertPendingAndWaiting, reviewersOf } from './requestRules';
import { RequestNotices } from './RequestNotices';

/** What deciding requests needs. */
export interface RequestDecisionsOptions {
  store: ConciergeStore;
  breakGlass: BreakGlassSettings;
  issuer: CredentialIssuer;
  notices: RequestNotices;
  now: () => Date;
}

/**
 * A request after a decision, with its decisions: the ones the decision read and its own, so
 * that the caller's view of the request needs no further read.
 */
export interface DecidedRequest {
  request: RequestRecord;
  decisions: DecisionRecord[];
}

/**
 * What people decide about requests: approvers approve or deny, requesters cancel, and
 * reviewers look at break-glass grants afterwards. Who may decide is checked on the row the
 * change reads (the approver groups are fixed when a request is made), so a refusal writes
 * nothing and costs no extra read.
 */
export class RequestDecisions {
  constructor(private readonly options: RequestDecisionsOptions) {}

  /** Approves; when enough approvers agreed, the credential is issued before this returns. */
  async approve(id: string, actor: Actor, comment?: string): Promise<DecidedRequest> {
    const at = this.options.now().toISOString();
    let decided: DecisionRecord[] = [];
    const updated = await writerFor(this.options.store, actor).mutateRequest(
      id,
      (current, decisions) => {
        assertApprover(current, actor, 'approve');
        assertPendingAndWaiting(current, this.options.now());
        if (decisions.some(d => d.actor === actor.userEntityRef)) {
          throw new ConflictError('You have already approved this request');
        }
        const approvals = decisions.filter(d => d.decision === 'approve').length + 1;
        const audits: AuditInput[] = [
          {
            actor: actor.userEntityRef,
            action: 'request.approval',
            requestId: id,
            details: { comment: comment ?? null, approvals, approvalsRequired: current.approvalsRequired },
          },
        ];
        const decision = { actor: actor.userEntityRef, decision: 'approve' as const, comment, at };
        decided = [...decisions, { requestId: id, ...decision }];
        let patch: Partial<RequestRecord> = { updatedAt: at };
        if (approvals >= current.approvalsRequired) {
          // The last approval takes the issuance lease in the same commit (see CredentialIssuer.claim).
          const claim = this.options.issuer.claim(current);
          audits.push(transition(current, 'approved', actor.userEntityRef), claim.audit);
          patch = { ...patch, ...claim.patch, state: 'approved' };
        }
        return { patch, decision, audits };
      },
      { withDecisions: true },
    );
    if (updated.state !== 'approved') return { request: updated, decisions: decided };
    const issued = await this.options.issuer.issueClaimed(updated);
    this.options.notices.approved(issued);
    return { request: issued, decisions: decided };
  }

  /** Denies a pending request, with the approver's comment. */
  async deny(id: string, actor: Actor, comment: string): Promise<DecidedRequest> {
    const at = this.options.now().toISOString();
    let decided: DecisionRecord[] = [];
    const updated = await writerFor(this.options.store, actor).mutateRequest(
      id,
      (current, decisions) => {
        assertApprover(current, actor, 'deny');
        assertPendingAndWaiting(current, this.options.now());
        const decision = { actor: actor.userEntityRef, decision: 'deny' as const, comment, at };
        decided = [...decisions, { requestId: id, ...decision }];
        return {
          patch: { state: 'denied', updatedAt: at },
          decision,
          audits: [transition(current, 'denied', actor.userEntityRef, { comment })],
        };
      },
      { withDecisions: true },
    );
    this.options.notices.denied(updated, actor, comment);
    return { request: updated, decisions: decided };
  }

  /** The requester withdraws a request that is pending or failed. */
  async cancel(id: string, actor: Actor): Promise<RequestRecord> {
    const request = await findRequest(this.options.store, id);
    if (request.requester !== actor.userEntityRef) {
      throw new NotAllowedError('Only the requester can cancel a request');
    }
    return writerFor(this.options.store, actor).mutateRequest(id, current => {
      if (current.state !== 'pending' && current.state !== 'failed') {
        throw new ConflictError(
          `The request is ${current.state}; only pending or failed requests can be cancelled${current.state === 'active' ? ' (revoke an active grant instead)' : ''}`,
        );
      }
      return {
        patch: { state: 'cancelled', updatedAt: this.options.now().toISOString() },
        audits: [transition(current, 'cancelled', actor.userEntityRef)],
      };
    });
  }

  /** Records the after-the-fact review of a break-glass grant. */
  async review(id: string, actor: Actor, comment: string): Promise<RequestRecord> {
    const request = await findRequest(this.options.store, id);
    if (!request.breakGlass) throw new ConflictError('Only break-glass grants are reviewed');
    if (request.requester === actor.userEntityRef) {
      throw new NotAllowedError('You cannot review your own break-glass access');
    }
    const reviewers = reviewersOf(request, this.options.breakGlass);
    if (!reviewers.some(g => actor.groups.includes(g))) {
      throw new NotAllowedError(`Only members of ${reviewers.join(' or ')} may review this access`);
    }
    const at = this.options.now().toISOString();
    return writerFor(this.options.store, actor).mutateRequest(id, current => {
      if (current.reviewedAt) throw new ConflictError(`Already reviewed by ${current.reviewedBy}`);
      return {
        patch: { reviewedAt: at, reviewedBy: actor.userEntityRef, updatedAt: at },
        audits: [{ actor: actor.userEntityRef, action: 'request.reviewed', requestId: id, details: { comment } }],
      };
    });
  }
}
