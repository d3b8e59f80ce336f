import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { ApproveRequestModel } from './ApproveRequest.model';
import { Callers } from './Callers';

/** POST /requests/{id}/approve */
export function bindApproveRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: ApproveRequestModel; callers: Callers },
): void {
  router.post('/requests/:id/approve', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(
      await deps.model.approve(req.params.id, caller, req.body?.comment),
    );
  });
}
