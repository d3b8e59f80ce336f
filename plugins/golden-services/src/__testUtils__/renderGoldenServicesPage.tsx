import { CatalogApi } from '@backstage/catalog-client';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { GoldenServicesPage } from '../components/GoldenServicesPage';
import { rootRouteRef } from '../routes';
import { goldenServicesApi } from './testApis';

/** Renders the Golden services page at `url` over `catalogApi` (the demo's, in memory, by default). */
export function renderGoldenServicesPage(url = '/golden-services', catalogApi?: CatalogApi) {
  return renderInTestApp(<GoldenServicesPage />, {
    mountedRoutes: {
      '/golden-services': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [url],
    apis: [goldenServicesApi(catalogApi)],
  });
}
