import { HttpAuthService } from '@backstage/backend-plugin-api';
import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { ReadThroughCache } from '../ReadThroughCache';
import { GetStatsModel } from './GetStats.model';

/** GET /stats and GET /problems: the index's counts and the indexer's problems. */
export function bindGetStatsEndpoints(
  router: TypedRouter<EndpointMap>,
  deps: {
    model: GetStatsModel;
    httpAuth: HttpAuthService;
    cache: ReadThroughCache;
  },
): void {
  router.get('/stats', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    await deps.cache.send(req, res, () => deps.model.getStats(req.query));
  });
  router.get('/problems', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    await deps.cache.send(req, res, () => deps.model.listProblems(req.query));
  });
}
