import { HttpAuthService } from '@backstage/backend-plugin-api';
import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { ReadThroughCache } from '../ReadThroughCache';
import { GetRecordModel } from './GetRecord.model';

/** GET /records/{id} */
export function bindGetRecordEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: {
    model: GetRecordModel;
    httpAuth: HttpAuthService;
    cache: ReadThroughCache;
  },
): void {
  router.get('/records/:id', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    await deps.cache.send(req, res, () => deps.model.getRecord(req.params.id));
  });
}
