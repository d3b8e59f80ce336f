import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { RetryRequestModel } from './RetryRequest.model';

/** POST /requests/{id}/retry */
export function bindRetryRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: RetryRequestModel; callers: Callers },
): void {
  router.post('/requests/:id/retry', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.retry(req.params.id, caller));
  });
}
