import { HttpAuthService } from '@backstage/backend-plugin-api';
import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { ReadThroughCache } from '../ReadThroughCache';
import { ListRecordsModel } from './ListRecords.model';

/** GET /records */
export function bindListRecordsEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: {
    model: ListRecordsModel;
    httpAuth: HttpAuthService;
    cache: ReadThroughCache;
  },
): void {
  router.get('/records', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    await deps.cache.send(req, res, () => deps.model.listRecords(req.query));
  });
}
