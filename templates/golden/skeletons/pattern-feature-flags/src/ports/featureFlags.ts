/** The feature-flag port: code asks whether a flag is on, never where the answer comes from. */
export interface FeatureFlagState {
  name: string;
  enabled: boolean;
  description: string;
  source: 'default' | 'environment';
}

export interface FeatureFlags<Name extends string = string> {
  isEnabled(name: Name): boolean;
  list(): FeatureFlagState[];
}
