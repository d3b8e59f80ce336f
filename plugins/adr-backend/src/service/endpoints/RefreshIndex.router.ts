import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { RefreshIndexModel } from './RefreshIndex.model';

/** POST /refresh, recorded by the auditor whether it succeeds or not. */
export function bindRefreshIndexEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: {
    model: RefreshIndexModel;
    httpAuth: HttpAuthService;
    auditor: AuditorService;
  },
): void {
  router.post('/refresh', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = req.body?.entityRef;
    const auditorEvent = await deps.auditor.createEvent({
      eventId: 'adr-index-refresh',
      severityLevel: 'medium',
      request: req,
      meta: entityRef ? { entityRef } : {},
    });
    try {
      const summary = await deps.model.refresh({ entityRef, credentials });
      await auditorEvent.success({ meta: { ...summary } });
      res.json(summary);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });
}
