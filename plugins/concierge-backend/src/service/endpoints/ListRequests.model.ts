import {
  AccessRequestList,
  AccessRequestQuery,
  conciergeAuditReadPermission,
} from '@souverain/plugin-concierge-common';
import { ConciergeStore } from '../../database/ConciergeStore';
import { RequestViews } from '../RequestViews';
import { canDecide } from '../requestRules';
import { Caller, Callers } from './Callers';

/** A page of requests: all, the caller's own, their approvals inbox, or grants to review. */
export interface ListRequestsModel {
  list(query: AccessRequestQuery, caller: Caller): Promise<AccessRequestList>;
}

/** {@link ListRequestsModel} over the store and the views. */
export class ListRequestsModelImpl implements ListRequestsModel {
  constructor(
    private readonly deps: {
      store: ConciergeStore;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async list(
    query: AccessRequestQuery,
    caller: Caller,
  ): Promise<AccessRequestList> {
    const { store, views, callers } = this.deps;
    const actor = {
      ...caller,
      canAudit: await callers.allowed(
        caller.credentials,
        conciergeAuditReadPermission,
      ),
    };
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    if (query.inbox) {
      // Who may decide depends on groups and earlier decisions, so the inbox is filtered here,
      // over the (few) pending requests.
      const pending = await store.listRequests({
        states: ['pending'],
        resourceRef: query.resourceRef,
        limit: 500,
      });
      const decisions = await store.getDecisions(
        pending.items.map(r => r.id),
      );
      const mine = pending.items.filter(record =>
        canDecide(
          record,
          actor,
          decisions.filter(d => d.requestId === record.id),
        ),
      );
      return {
        items: await views.toViews(mine.slice(offset, offset + limit), actor),
        totalCount: mine.length,
      };
    }
    if (query.review) {
      const unreviewed = await store.listRequests({
        unreviewedBreakGlass: true,
        limit: 500,
      });
      const reviewable = (await views.toViews(unreviewed.items, actor)).filter(
        view => view.actions?.includes('review'),
      );
      return {
        items: reviewable.slice(offset, offset + limit),
        totalCount: reviewable.length,
      };
    }
    const result = await store.listRequests({
      requester: query.mine ? actor.userEntityRef : undefined,
      resourceRef: query.resourceRef,
      states: query.state,
      limit,
      offset,
    });
    return {
      items: await views.toViews(result.items, actor),
      totalCount: result.totalCount,
    };
  }
}
