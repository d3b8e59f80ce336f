import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { GoldenServicesPage } from '../components/GoldenServicesPage';
import { rootRouteRef } from '../routes';
import { catalogEntities } from './fixtures';

/** An in-memory catalog, or a catalog whose methods are jest mocks. */
export type TestCatalogApi =
  | ReturnType<typeof catalogApiMock>
  | ReturnType<typeof catalogApiMock.mock>;

/** Renders the Golden services page at `url` over an in-memory catalog (or a given mock). */
export function renderGoldenServicesPage(
  url = '/golden-services',
  catalogApi: TestCatalogApi = catalogApiMock({ entities: catalogEntities }),
) {
  return renderInTestApp(<GoldenServicesPage />, {
    mountedRoutes: {
      '/golden-services': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [url],
    apis: [catalogApi],
  });
}
