import type { components, operations, paths } from './generated/types';

/** The decision browser API's paths, generated from its OpenAPI spec. */
export type AdrApiPaths = paths;
/** The decision browser API's schemas, generated from its OpenAPI spec. */
export type AdrApiComponents = components;
/** The decision browser API's operations by operationId, generated from its OpenAPI spec. */
export type AdrApiOperations = operations;
export { createAdrApiFetchClient } from './generated/client';
export type { AdrApiFetchClient } from './generated/client';
