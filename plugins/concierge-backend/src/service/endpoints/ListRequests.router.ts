import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { ListRequestsModel } from './ListRequests.model';

/** GET /requests */
export function bindListRequestsEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: ListRequestsModel; callers: Callers },
): void {
  router.get('/requests', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.list(req.query, caller));
  });
}
