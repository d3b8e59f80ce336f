/** A flag this service declares: what it is for and its default. */
export interface FeatureFlagDefinition {
  description: string;
  /** The value when nothing overrides it. */
  defaultEnabled: boolean;
}

/**
 * Every flag this service knows, with its default. Declaring flags in code gives typed names
 * (a typo does not compile) and one place to see, and later delete, them. Overrides come
 * from the environment adapter; a flag service (e.g. an OpenFeature provider) would be
 * another adapter of the same port.
 */
export const FEATURE_FLAGS = {
  'example-flag': {
    description: 'An example: rename it after the first feature you put behind a flag.',
    defaultEnabled: false,
  },
} as const satisfies Record<string, FeatureFlagDefinition>;

export type FeatureFlagName = keyof typeof FEATURE_FLAGS;
