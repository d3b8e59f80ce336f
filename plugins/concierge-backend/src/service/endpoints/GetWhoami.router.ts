import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from '../../schema/openapi';
import { Callers } from './Callers';
import { GetWhoamiModel } from './GetWhoami.model';

/** GET /whoami */
export function bindGetWhoamiEndpoint(
  router: TypedRouter<EndpointMap>,
  deps: { model: GetWhoamiModel; callers: Callers },
): void {
  router.get('/whoami', async (req, res) => {
    res.json(await deps.model.whoami(await deps.callers.actorOf(req)));
  });
}
