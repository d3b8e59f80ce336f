/**
 * The Souverain concierge backend: time-bound access requests with approval, short-lived
 * credentials from pluggable providers and a hash-chained audit log.
 *
 * @packageDocumentation
 */
export { conciergePlugin as default } from './plugin';
export { CONCIERGE_SWEEP_TASK_ID } from './plugin';
export { AccessPolicies, DEFAULT_POLICIES } from './policy/AccessPolicies';
