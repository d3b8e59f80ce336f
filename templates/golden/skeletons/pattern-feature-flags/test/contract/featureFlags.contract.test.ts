import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FEATURE_FLAGS } from '../../src/core/featureFlags.ts';
import { loadContract } from '../support/openapi.ts';
import { startTestServer } from '../support/http.ts';

describe('feature flags API (contract)', () => {
  const contract = loadContract();
  const [first] = Object.keys(FEATURE_FLAGS);

  it('lists every flag with its default', async () => {
    const server = await startTestServer();
    try {
      const response = await server.request('GET', '/v1/feature-flags');
      assert.equal(response.status, 200);
      assert.deepEqual(contract.checkResponse('GET', '/v1/feature-flags', response), []);
      const flags = (response.json as { flags: Array<{ name: string; source: string }> }).flags;
      assert.deepEqual(flags.map(flag => flag.name).sort(), Object.keys(FEATURE_FLAGS).sort());
      assert.ok(flags.every(flag => flag.source === 'default'));
    } finally {
      await server.close();
    }
  });

  it('shows an override from the environment', async () => {
    const server = await startTestServer({ FEATURE_FLAGS: `${first}=on` });
    try {
      const response = await server.request('GET', '/v1/feature-flags');
      assert.deepEqual(contract.checkResponse('GET', '/v1/feature-flags', response), []);
      const flag = (response.json as { flags: Array<{ name: string; enabled: boolean; source: string }> }).flags.find(f => f.name === first);
      assert.deepEqual({ enabled: flag?.enabled, source: flag?.source }, { enabled: true, source: 'environment' });
    } finally {
      await server.close();
    }
  });

  it('refuses to start with an unknown flag', async () => {
    await assert.rejects(startTestServer({ FEATURE_FLAGS: 'no-such-flag=on' }), /unknown flag/);
  });
});
