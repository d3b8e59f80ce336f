import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { GetRequestModel } from './GetRequest.model';

/** GET /requests/{id} */
export function bindGetRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: GetRequestModel; callers: Callers },
): void {
  router.get('/requests/:id', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.get(req.params.id, caller));
  });
}
