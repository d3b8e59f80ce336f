import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { GetJwksModel } from './GetJwks.model';

/** GET /.well-known/jwks.json: public, so verifiers anywhere may cache it for five minutes. */
export function bindGetJwksEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: GetJwksModel },
): void {
  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.json(await deps.model.getJwks());
  });
}
