import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { VerifyAuditModel } from './VerifyAudit.model';

/** GET and POST /audit/verify: one check, for clients that read and clients that start work. */
export function bindVerifyAuditEndpoints(
  router: TypedRouter<EndpointMap>,
  deps: { model: VerifyAuditModel; callers: Callers },
): void {
  router.get('/audit/verify', async (req, res) => {
    res.json(await deps.model.verify(await deps.callers.actorOf(req)));
  });
  router.post('/audit/verify', async (req, res) => {
    res.json(await deps.model.verify(await deps.callers.actorOf(req)));
  });
}
