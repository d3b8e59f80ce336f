import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { RevokeRequestModel } from './RevokeRequest.model';

/** POST /requests/{id}/revoke */
export function bindRevokeRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: RevokeRequestModel; callers: Callers },
): void {
  router.post('/requests/:id/revoke', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.revoke(req.params.id, caller, req.body?.reason));
  });
}
