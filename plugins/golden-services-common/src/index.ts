/**
 * Shared parts of Souverain's golden services: the rules a service name must follow, the
 * annotations templates stamp on what they create, and the template drift computation.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './serviceName';
export * from './drift';
