import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { setupServer } from 'msw/node';
import { AdrClient, adrApiRef } from '../api';

/** An msw server for the tests of one file, started and reset around each test. */
export function setupAdrServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

/** The real adr client, through Backstage's discovery and fetch APIs, for `apis` of a test app. */
export function adrApi() {
  const client = new AdrClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: mockApis.fetch(),
  });
  return [adrApiRef, client] as const;
}
