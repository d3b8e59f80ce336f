import {
  AccessRequest,
  conciergeRequestRevokePermission,
} from '@souverain/plugin-concierge-common';
import { CredentialIssuer } from '../CredentialIssuer';
import { RequestViews } from '../RequestViews';
import { Caller, Callers } from './Callers';
import { changedRequestView, requestIdOf } from './RequestAnswers';

/** Ends an active grant now and removes its credential. */
export interface RevokeRequestModel {
  revoke(id: string, caller: Caller, reason?: string): Promise<AccessRequest>;
}

/** {@link RevokeRequestModel} over the issuer, behind the `concierge.request.revoke` permission. */
export class RevokeRequestModelImpl implements RevokeRequestModel {
  constructor(
    private readonly deps: {
      issuer: CredentialIssuer;
      views: RequestViews;
      callers: Callers;
    },
  ) {}

  async revoke(
    id: string,
    caller: Caller,
    reason?: string,
  ): Promise<AccessRequest> {
    const requestId = requestIdOf(id);
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestRevokePermission,
      'revoke access',
    );
    const request = await this.deps.issuer.revoke(
      requestId,
      caller,
      reason?.trim() || `revoked by ${caller.userEntityRef}`,
    );
    return changedRequestView(this.deps.views, caller, request);
  }
}
