import { TypedRouter } from '@backstage/backend-openapi-utils';
import { IDEMPOTENCY_KEY_HEADER } from '@souverain/plugin-concierge-common';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { CreateRequestModel } from './CreateRequest.model';

/** POST /requests: 201 with the new request, or 200 with the one an idempotency key asked before. */
export function bindCreateRequestEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: CreateRequestModel; callers: Callers },
): void {
  router.post('/requests', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    const { request, replayed } = await deps.model.create(
      req.body,
      caller,
      req.header(IDEMPOTENCY_KEY_HEADER),
    );
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(replayed ? 200 : 201).json(request);
  });
}
