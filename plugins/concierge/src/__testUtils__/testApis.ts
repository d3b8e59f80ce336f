import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { setupServer } from 'msw/node';
import { conciergeApiRef, createConciergeClient } from '../api';

/** An msw server for the tests of one file, started and reset around each test. */
export function setupConciergeServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

/**
 * The client the app makes (acting as the demo user remembered in local storage, if any), through
 * Backstage's discovery and fetch APIs.
 */
export function conciergeClient() {
  return createConciergeClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: mockApis.fetch(),
  });
}

/** `client` as the concierge API of a test app. */
export function conciergeApi(client = conciergeClient()) {
  return [conciergeApiRef, client] as const;
}
