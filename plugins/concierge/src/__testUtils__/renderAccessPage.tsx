import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ConciergeApi } from '../api';
import { AccessPage } from '../components/AccessPage';
import { rootRouteRef } from '../routes';
import { conciergeApi, conciergeClient } from './testApis';

/**
 * Renders the Access page at `url`, talking to the msw backend of the test through `client`;
 * gives the client back, to see whom it acts as.
 */
export async function renderAccessPage(
  url = '/access',
  client = conciergeClient(),
): Promise<{ client: ConciergeApi }> {
  await renderInTestApp(<AccessPage />, {
    mountedRoutes: {
      '/access': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [url],
    apis: [conciergeApi(client)],
  });
  return { client };
}
