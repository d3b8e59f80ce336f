/**
 * Common parts of the Souverain concierge: request and audit types, permissions, the
 * catalog annotations it reads and the HTTP client.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';
export * from './annotations';
export * from './client';
export * from './schema/openapi';
