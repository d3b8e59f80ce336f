import { AccessRequest, AccessRequestAction, RequestState } from '@souverain/plugin-concierge-common';
import { ConciergeStore, DecisionRecord, RequestRecord } from '../database/ConciergeStore';
import { BreakGlassSettings } from '../policy/AccessPolicies';
import { Actor } from './Actor';
import { findRequest } from './findRequest';
import { canDecide, isApprover, reviewersOf } from './requestRules';

/** What the views read. */
export interface RequestViewsOptions {
  store: ConciergeStore;
  breakGlass: BreakGlassSettings;
}

/**
 * Requests as the API shows them to one person: what they may do with each, and only what they
 * may see. Who holds access is visible to everyone (the resource's Access card); why, and what
 * approvers said, only to the requester, the approvers and auditors.
 */
export class RequestViews {
  constructor(private readonly options: RequestViewsOptions) {}

  /** A request, or 404. */
  async get(id: string): Promise<RequestRecord> {
    return findRequest(this.options.store, id);
  }

  /**
   * The API view of requests, with what the actor may do with each, and their timeline when
   * `withHistory`. Decisions the caller already holds (those its own write read or made) are
   * passed in `knownDecisions` and not read again.
   */
  async toViews(
    records: RequestRecord[],
    actor: Actor,
    withHistory = false,
    knownDecisions?: ReadonlyMap<string, DecisionRecord[]>,
  ): Promise<AccessRequest[]> {
    const { store } = this.options;
    const byRequest = new Map<string, DecisionRecord[]>();
    const unknown: string[] = [];
    for (const record of records) {
      const known = knownDecisions?.get(record.id);
      if (known) byRequest.set(record.id, known);
      else unknown.push(record.id);
    }
    for (const d of await store.getDecisions(unknown)) {
      byRequest.set(d.requestId, [...(byRequest.get(d.requestId) ?? []), d]);
    }
    return Promise.all(
      records.map(async record => {
        const mine = byRequest.get(record.id) ?? [];
        const insider = record.requester === actor.userEntityRef || isApprover(record, actor) || Boolean(actor.canAudit);
        const transitions = withHistory
          ? (await store.listAudit({ requestId: record.id, limit: 500 }))
              .filter(entry => typeof entry.details.to === 'string')
              .map(entry => ({
                from: entry.details.from as RequestState | undefined,
                to: entry.details.to as RequestState,
                actor: entry.actor,
                at: entry.at,
                reason: insider ? ((entry.details.reason ?? entry.details.comment) as string | undefined) : undefined,
              }))
          : [];
        return {
          id: record.id,
          requester: record.requester,
          resourceRef: record.resourceRef,
          resourceTitle: record.resourceTitle,
          accessLevel: record.accessLevel,
          durationMinutes: record.durationMinutes,
          justification: insider ? record.justification : '',
          ticket: insider ? record.ticket : undefined,
          breakGlass: record.breakGlass,
          state: record.state,
          policy: record.policy,
          approvalsRequired: record.approvalsRequired,
          approverGroups: record.approverGroups,
          decisions: mine.map(d => ({
            actor: d.actor,
            decision: d.decision,
            comment: insider ? d.comment : undefined,
            at: d.at,
          })),
          transitions,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
          activatedAt: record.activatedAt,
          expiresAt: record.expiresAt,
          pendingUntil: record.pendingUntil,
          failureReason: insider ? record.failureReason : undefined,
          reviewDueAt: record.reviewDueAt,
          reviewedAt: record.reviewedAt,
          reviewedBy: record.reviewedBy,
          reviewOverdueAt: record.reviewOverdueAt,
          credential: record.credentialReference
            ? {
                provider: record.provider,
                reference: record.credentialReference,
                kind: record.credentialKind,
                revealable: Boolean(record.credentialSecret) && record.state === 'active',
                revealedAt: record.revealedAt,
              }
            : undefined,
          actions: this.actionsFor(record, mine, actor),
        };
      }),
    );
  }

  private actionsFor(record: RequestRecord, decisions: DecisionRecord[], actor: Actor): AccessRequestAction[] {
    const actions: AccessRequestAction[] = [];
    const isRequester = record.requester === actor.userEntityRef;
    const approver = isApprover(record, actor);
    if (canDecide(record, actor, decisions)) actions.push('approve', 'deny');
    if (isRequester && (record.state === 'pending' || record.state === 'failed')) actions.push('cancel');
    if (record.state === 'active' && (isRequester || approver)) actions.push('revoke');
    if (record.state === 'failed' && (isRequester || approver)) actions.push('retry');
    if (isRequester && record.state === 'active' && record.credentialSecret) actions.push('reveal');
    if (
      record.breakGlass &&
      !record.reviewedAt &&
      !isRequester &&
      reviewersOf(record, this.options.breakGlass).some(g => actor.groups.includes(g))
    ) {
      actions.push('review');
    }
    return actions;
  }
}
