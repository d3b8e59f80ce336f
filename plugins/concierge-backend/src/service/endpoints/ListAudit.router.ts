import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { ListAuditModel } from './ListAudit.model';

/** GET /audit */
export function bindListAuditEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: ListAuditModel; callers: Callers },
): void {
  router.get('/audit', async (req, res) => {
    const caller = await deps.callers.actorOf(req);
    res.json(await deps.model.list(req.query, caller));
  });
}
