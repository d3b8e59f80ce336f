import type { FeatureFlagDefinition } from '../../core/featureFlags.ts';
import type { FeatureFlags, FeatureFlagState } from '../../ports/featureFlags.ts';

const ON = new Set(['on', 'true', '1', 'yes']);
const OFF = new Set(['off', 'false', '0', 'no']);

/**
 * Reads overrides from `FEATURE_FLAGS`, e.g. `FEATURE_FLAGS="example-flag=on,other=off"` (a bare
 * name means on). Unknown names and values fail at start-up: a typo in a deployment must not
 * silently leave a flag at its default.
 */
export function createEnvFeatureFlags<Name extends string>(
  definitions: Record<Name, FeatureFlagDefinition>,
  env: NodeJS.ProcessEnv,
): FeatureFlags<Name> {
  const overrides = new Map<string, boolean>();
  for (const entry of (env.FEATURE_FLAGS ?? '').split(',').map(part => part.trim()).filter(Boolean)) {
    const [name, raw = 'on'] = entry.split('=').map(part => part.trim());
    if (!Object.hasOwn(definitions, name)) {
      throw new Error(`FEATURE_FLAGS names an unknown flag "${name}"`);
    }
    const value = raw.toLowerCase();
    if (!ON.has(value) && !OFF.has(value)) {
      throw new Error(`FEATURE_FLAGS: "${raw}" is not on/off for flag "${name}"`);
    }
    overrides.set(name, ON.has(value));
  }

  const state = (name: Name): FeatureFlagState => {
    const override = overrides.get(name);
    return {
      name,
      enabled: override ?? definitions[name].defaultEnabled,
      description: definitions[name].description,
      source: override === undefined ? 'default' : 'environment',
    };
  };

  return {
    isEnabled: name => state(name).enabled,
    list: () => (Object.keys(definitions) as Name[]).sort().map(state),
  };
}
