import { HttpAuthService } from '@backstage/backend-plugin-api';
import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { ListPoliciesModel } from './ListPolicies.model';

/** GET /policies, for users and for backend services (the scaffolder shows them too). */
export function bindListPoliciesEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: ListPoliciesModel; httpAuth: HttpAuthService },
): void {
  router.get('/policies', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await deps.model.listPolicies());
  });
}
