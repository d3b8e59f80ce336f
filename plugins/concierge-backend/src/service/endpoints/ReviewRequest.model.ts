import {
  AccessRequest,
  conciergeRequestApprovePermission,
} from '@souverain/plugin-concierge-common';
import { RequestDecisions } from '../RequestDecisions';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { changedRequestView, requestIdOf } from './RequestAnswers';
import { requiredComment } from './RequiredComment';

/** A reviewer's after-the-fact review of a break-glass grant. */
export interface ReviewRequestModel {
  review(id: string, caller: Caller, comment: string): Promise<AccessRequest>;
}

/** {@link ReviewRequestModel} over the decisions, behind the `concierge.request.approve` permission. */
export class ReviewRequestModelImpl implements ReviewRequestModel {
  constructor(
    private readonly deps: {
      decisions: RequestDecisions;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async review(
    id: string,
    caller: Caller,
    comment: string,
  ): Promise<AccessRequest> {
    const requestId = requestIdOf(id);
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestApprovePermission,
      'review break-glass access',
    );
    const request = await this.deps.decisions.review(
      requestId,
      caller,
      requiredComment(comment),
    );
    return changedRequestView(this.deps.views, caller, request);
  }
}
