import { HttpAuthService } from '@backstage/backend-plugin-api';
import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { ReadThroughCache } from '../ReadThroughCache';
import { GetGraphModel } from './GetGraph.model';

/** GET /graph */
export function bindGetGraphEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: {
    model: GetGraphModel;
    httpAuth: HttpAuthService;
    cache: ReadThroughCache;
  },
): void {
  router.get('/graph', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    await deps.cache.send(req, res, () => deps.model.getGraph(req.query));
  });
}
