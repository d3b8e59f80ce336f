import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { CredentialProvider } from './CredentialProvider';

/** Lets backend modules add credential providers to the concierge. */
export interface ConciergeCredentialProvidersExtensionPoint {
  addProvider(provider: CredentialProvider): void;
}

/** The extension point for {@link ConciergeCredentialProvidersExtensionPoint}. */
export const conciergeCredentialProvidersExtensionPoint =
  createExtensionPoint<ConciergeCredentialProvidersExtensionPoint>({
    id: 'concierge.credential-providers',
  });
