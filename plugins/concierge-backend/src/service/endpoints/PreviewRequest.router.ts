import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { PreviewRequestModel } from './PreviewRequest.model';

/** GET /preview */
export function bindPreviewRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: PreviewRequestModel; callers: Callers },
): void {
  router.get('/preview', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.preview(req.query, caller));
  });
}
