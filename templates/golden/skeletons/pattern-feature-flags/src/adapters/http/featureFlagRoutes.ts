import type { FeatureFlags } from '../../ports/featureFlags.ts';
import type { Router } from './router.ts';

/** `GET /v1/feature-flags`: what this instance has switched on, for clients and for support. */
export function addFeatureFlagRoutes(router: Router, flags: FeatureFlags): void {
  router.add('GET', '/v1/feature-flags', () => ({ status: 200, json: { flags: flags.list() } }));
}
