import {
  AccessRequest,
  conciergeRequestCreatePermission,
} from '@souverain/plugin-concierge-common';
import { CredentialIssuer } from '../CredentialIssuer';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { changedRequestView, requestIdOf } from './RequestAnswers';

/** Tries again to issue the credential of a request whose issuance failed. */
export interface RetryRequestModel {
  retry(id: string, caller: Caller): Promise<AccessRequest>;
}

/** {@link RetryRequestModel} over the issuer, behind the `concierge.request.create` permission. */
export class RetryRequestModelImpl implements RetryRequestModel {
  constructor(
    private readonly deps: {
      issuer: CredentialIssuer;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async retry(id: string, caller: Caller): Promise<AccessRequest> {
    const requestId = requestIdOf(id);
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestCreatePermission,
      'retry access requests',
    );
    const request = await this.deps.issuer.retry(requestId, caller);
    return changedRequestView(this.deps.views, caller, request);
  }
}
