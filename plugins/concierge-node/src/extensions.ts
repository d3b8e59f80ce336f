import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { CredentialProvider } from './CredentialProvider';

/** Lets backend modules add credential providers to the concierge, or replace one. */
export interface ConciergeCredentialProvidersExtensionPoint {
  /** Adds a provider under its id; two modules adding one id stop the backend from starting. */
  addProvider(provider: CredentialProvider): void;
  /**
   * Replaces the provider registered under `id` (a built-in one such as `postgres`, or one a
   * module added) by what `replace` makes of it, given the provider it replaces (undefined when
   * this backend has none under that id). The replacement must keep the id, since requests
   * record it. Meant for wrapping a provider (a test's provider that fails on purpose, metrics);
   * one replacement per id.
   */
  replaceProvider(id: string, replace: (current: CredentialProvider | undefined) => CredentialProvider): void;
}

/** The extension point for {@link ConciergeCredentialProvidersExtensionPoint}. */
export const conciergeCredentialProvidersExtensionPoint =
  createExtensionPoint<ConciergeCredentialProvidersExtensionPoint>({
    id: 'concierge.credential-providers',
  });
