import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { ReviewRequestModel } from './ReviewRequest.model';

/** POST /requests/{id}/review */
export function bindReviewRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: ReviewRequestModel; callers: Callers },
): void {
  router.post('/requests/:id/review', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.review(req.params.id, caller, req.body.comment));
  });
}
