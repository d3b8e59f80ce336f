import { ACT_AS_HEADER } from '@souverain/plugin-concierge-common';
import { ACTING_USER_STORAGE_KEY, createConciergeClient, saveActingUser } from './api';
import { identity, SOFIA } from './__testUtils__/fixtures';

function client() {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(identity()), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const api = createConciergeClient({
    discoveryApi: { getBaseUrl: async () => 'http://localhost:7007/api/concierge' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { api, fetch };
}

afterEach(() => window.localStorage.clear());

describe('createConciergeClient', () => {
  it('acts as the demo user remembered from a previous visit', async () => {
    window.localStorage.setItem(ACTING_USER_STORAGE_KEY, SOFIA);
    const { api, fetch } = client();
    expect(api.getActingUser()).toBe(SOFIA);
    await api.whoami();
    const headers = fetch.mock.calls[0][1]?.headers as Record<string, string>;
    expect(headers[ACT_AS_HEADER]).toBe(SOFIA);
  });

  it('acts as the signed-in user otherwise', async () => {
    const { api, fetch } = client();
    expect(api.getActingUser()).toBeUndefined();
    await api.whoami();
    const headers = fetch.mock.calls[0][1]?.headers as Record<string, string>;
    expect(headers[ACT_AS_HEADER]).toBeUndefined();
  });
});

describe('saveActingUser', () => {
  it('remembers a demo user and forgets it', () => {
    saveActingUser(SOFIA);
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBe(SOFIA);
    saveActingUser(undefined);
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull();
  });
});
