export * from './PostgresCredentialProvider';
export * from './TokenCredentialProvider';
