import {
  RevealedCredential,
  conciergeRequestCreatePermission,
} from '@souverain/plugin-concierge-common';
import { CredentialIssuer } from '../CredentialIssuer';
import { Caller, Callers } from './Callers';
import { requestIdOf } from './RequestAnswers';

/** Shows a grant's credential to its requester, once (410 afterwards). */
export interface RevealCredentialModel {
  reveal(id: string, caller: Caller): Promise<RevealedCredential>;
}

/** {@link RevealCredentialModel} over the issuer, behind the `concierge.request.create` permission. */
export class RevealCredentialModelImpl implements RevealCredentialModel {
  constructor(
    private readonly deps: { issuer: CredentialIssuer; callers: Callers },
  ) {}

  async reveal(id: string, caller: Caller): Promise<RevealedCredential> {
    const requestId = requestIdOf(id);
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeRequestCreatePermission,
      'reveal credentials',
    );
    return this.deps.issuer.reveal(requestId, caller);
  }
}
