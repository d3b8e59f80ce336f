import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnvFeatureFlags } from '../../src/adapters/flags/envFeatureFlags.ts';

const definitions = {
  'new-checkout': { description: 'The new checkout', defaultEnabled: false },
  'legacy-export': { description: 'The old export', defaultEnabled: true },
};

describe('createEnvFeatureFlags', () => {
  it('uses the defaults when nothing overrides them', () => {
    const flags = createEnvFeatureFlags(definitions, {});
    assert.equal(flags.isEnabled('new-checkout'), false);
    assert.equal(flags.isEnabled('legacy-export'), true);
  });

  it('reads overrides from FEATURE_FLAGS', () => {
    const flags = createEnvFeatureFlags(definitions, { FEATURE_FLAGS: ' new-checkout , legacy-export=OFF ' });
    assert.equal(flags.isEnabled('new-checkout'), true);
    assert.equal(flags.isEnabled('legacy-export'), false);
    assert.deepEqual(flags.list(), [
      { name: 'legacy-export', enabled: false, description: 'The old export', source: 'environment' },
      { name: 'new-checkout', enabled: true, description: 'The new checkout', source: 'environment' },
    ]);
  });

  it('fails fast on unknown flags and values', () => {
    assert.throws(() => createEnvFeatureFlags(definitions, { FEATURE_FLAGS: 'new-chekout=on' }), /unknown flag "new-chekout"/);
    assert.throws(() => createEnvFeatureFlags(definitions, { FEATURE_FLAGS: 'new-checkout=maybe' }), /not on\/off/);
    assert.throws(() => createEnvFeatureFlags(definitions, { FEATURE_FLAGS: 'toString=on' }), /unknown flag/);
  });
});
