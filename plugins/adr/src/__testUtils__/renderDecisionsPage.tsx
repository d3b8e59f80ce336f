import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DecisionsPage } from '../components/DecisionsPage';
import { rootRouteRef } from '../routes';
import { adrApi } from './testApis';

/** Renders the Decisions page at `url`, talking to the msw backend of the test. */
export function renderDecisionsPage(
  url: string,
  permission: ReturnType<typeof mockApis.permission> = mockApis.permission(),
) {
  return renderInTestApp(<DecisionsPage />, {
    mountedRoutes: {
      '/decisions': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [url],
    apis: [adrApi(), permission],
  });
}
