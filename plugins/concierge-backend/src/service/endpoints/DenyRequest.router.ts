import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { DenyRequestModel } from './DenyRequest.model';

/** POST /requests/{id}/deny */
export function bindDenyRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: DenyRequestModel; callers: Callers },
): void {
  router.post('/requests/:id/deny', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.deny(req.params.id, caller, req.body.comment));
  });
}
