import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { adrApiRef } from '../api';
import { DecisionsPage } from '../components/DecisionsPage';
import { rootRouteRef } from '../routes';
import { mockAdrApi } from './fixtures';

/** Renders the Decisions page at `url` with a mocked API and permission answer. */
export function renderDecisionsPage(
  url: string,
  api = mockAdrApi(),
  permission: ReturnType<typeof mockApis.permission> = mockApis.permission(),
) {
  return renderInTestApp(<DecisionsPage />, {
    mountedRoutes: {
      '/decisions': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [url],
    apis: [[adrApiRef, api], permission],
  });
}
