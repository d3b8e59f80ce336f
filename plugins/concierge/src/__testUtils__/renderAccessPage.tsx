import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { conciergeApiRef } from '../api';
import { AccessPage } from '../components/AccessPage';
import { rootRouteRef } from '../routes';
import { mockConciergeApi } from './fixtures';

/** Renders the Access page at `url` over a mocked concierge API. */
export function renderAccessPage(url = '/access', api = mockConciergeApi()) {
  return renderInTestApp(<AccessPage />, {
    mountedRoutes: {
      '/access': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [url],
    apis: [[conciergeApiRef, api]],
  });
}
