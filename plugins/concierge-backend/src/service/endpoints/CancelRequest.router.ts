import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { CancelRequestModel } from './CancelRequest.model';

/** POST /requests/{id}/cancel */
export function bindCancelRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: CancelRequestModel; callers: Callers },
): void {
  router.post('/requests/:id/cancel', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.cancel(req.params.id, caller));
  });
}
