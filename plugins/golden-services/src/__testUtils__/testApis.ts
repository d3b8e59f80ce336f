import { CatalogApi, CatalogClient } from '@backstage/catalog-client';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { setupServer } from 'msw/node';
import { GoldenServicesClient, goldenServicesApiRef } from '../api';
import { catalogEntities } from './fixtures';

/** An msw server for the tests of one file, started and reset around each test. */
export function setupGoldenServicesServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

/**
 * The real client over `catalogApi`, for `apis` of a test app: by default, Backstage's
 * in-memory catalog holding the demo's golden templates and services.
 */
export function goldenServicesApi(
  catalogApi: CatalogApi = catalogApiMock({ entities: catalogEntities }),
) {
  return [goldenServicesApiRef, new GoldenServicesClient({ catalogApi })] as const;
}

/** Backstage's catalog client, through its discovery and fetch APIs, to the msw backend. */
export function catalogClient(): CatalogApi {
  return new CatalogClient({ discoveryApi: mockApis.discovery(), fetchApi: mockApis.fetch() });
}
