import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { RevealCredentialModel } from './RevealCredential.model';

/** POST /requests/{id}/credential */
export function bindRevealCredentialEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: RevealCredentialModel; callers: Callers },
): void {
  router.post('/requests/:id/credential', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.reveal(req.params.id, caller));
  });
}
