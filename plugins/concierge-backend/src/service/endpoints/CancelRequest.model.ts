import {
  AccessRequest,
  conciergeRequestCreatePermission,
} from '@souverain/plugin-concierge-common';
import { RequestDecisions } from '../RequestDecisions';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { changedRequestView, requestIdOf } from './RequestAnswers';

/** The requester withdraws a pending request. */
export interface CancelRequestModel {
  cancel(id: string, caller: Caller): Promise<AccessRequest>;
}

/** {@link CancelRequestModel} over the decisions, behind the `concierge.request.create` permission. */
export class CancelRequestModelImpl implements CancelRequestModel {
  constructor(
    private readonly deps: {
      decisions: RequestDecisions;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async cancel(id: string, caller: Caller): Promise<AccessRequest> {
    const requestId = requestIdOf(id);
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestCreatePermission,
      'cancel access requests',
    );
    const request = await this.deps.decisions.cancel(requestId, caller);
    return changedRequestView(this.deps.views, caller, request);
  }
}
