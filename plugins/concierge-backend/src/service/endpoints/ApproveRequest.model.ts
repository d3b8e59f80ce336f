import {
  AccessRequest,
  conciergeRequestApprovePermission,
} from '@souverain/plugin-concierge-common';
import { RequestDecisions } from '../RequestDecisions';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { changedRequestView, requestIdOf } from './RequestAnswers';

/** An approver's approval; the last one needed issues the credential. */
export interface ApproveRequestModel {
  approve(id: string, caller: Caller, comment?: string): Promise<AccessRequest>;
}

/** {@link ApproveRequestModel} over the decisions, behind the `concierge.request.approve` permission. */
export class ApproveRequestModelImpl implements ApproveRequestModel {
  constructor(
    private readonly deps: {
      decisions: RequestDecisions;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async approve(
    id: string,
    caller: Caller,
    comment?: string,
  ): Promise<AccessRequest> {
    const requestId = requestIdOf(id);
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestApprovePermission,
      'approve access requests',
    );
    const { request, decisions } = await this.deps.decisions.approve(
      requestId,
      caller,
      comment?.trim(),
    );
    return changedRequestView(this.deps.views, caller, request, decisions);
  }
}
