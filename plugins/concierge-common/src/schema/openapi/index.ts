import type { components, operations, paths } from './generated/types';

/** The concierge API's paths, generated from its OpenAPI spec. */
export type ConciergeApiPaths = paths;
/** The concierge API's schemas, generated from its OpenAPI spec. */
export type ConciergeApiComponents = components;
/** The concierge API's operations by operationId, generated from its OpenAPI spec. */
export type ConciergeApiOperations = operations;
export { createConciergeApiFetchClient } from './generated/client';
export type { ConciergeApiFetchClient } from './generated/client';
