import {
  AccessRequest,
  conciergeRequestApprovePermission,
} from '@souverain/plugin-concierge-common';
import { RequestDecisions } from '../RequestDecisions';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { changedRequestView, requestIdOf } from './RequestAnswers';
import { requiredComment } from './RequiredComment';

/** An approver's denial, with the reason the requester reads. */
export interface DenyRequestModel {
  deny(id: string, caller: Caller, comment: string): Promise<AccessRequest>;
}

/** {@link DenyRequestModel} over the decisions, behind the `concierge.request.approve` permission. */
export class DenyRequestModelImpl implements DenyRequestModel {
  constructor(
    private readonly deps: {
      decisions: RequestDecisions;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async deny(
    id: string,
    caller: Caller,
    comment: string,
  ): Promise<AccessRequest> {
    const requestId = requestIdOf(id);
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestApprovePermission,
      'deny access requests',
    );
    const { request, decisions } = await this.deps.decisions.deny(
      requestId,
      caller,
      requiredComment(comment),
    );
    return changedRequestView(this.deps.views, caller, request, decisions);
  }
}
