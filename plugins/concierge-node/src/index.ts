/**
 * Node parts of the Souverain concierge: the credential provider contract and the extension
 * point through which backend modules add providers.
 *
 * @packageDocumentation
 */
export * from './CredentialProvider';
export * from './extensions';
