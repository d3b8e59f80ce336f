import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { ACCESS_PROVIDER_ANNOTATION, ACCESS_TARGET_ANNOTATION } from '@souverain/plugin-concierge-common';
import { CredentialProvider } from '@souverain/plugin-concierge-node';

/** The credential providers this backend has, and which one serves a resource. */
export class CredentialProviders {
  constructor(
    private readonly providers: ReadonlyMap<string, CredentialProvider>,
    /** Used for resources whose provider is not available (the local demo without PostgreSQL). */
    private readonly fallbackProvider?: string,
  ) {}

  /** The provider a request recorded, if this backend has it. */
  get(id: string): CredentialProvider | undefined {
    return this.providers.get(id);
  }

  all(): Iterable<CredentialProvider> {
    return this.providers.values();
  }

  /**
   * The provider a resource names in `souverain.io/access-provider` (databases default to
   * `postgres`, the rest to `token`), and the target it names, or a 503 when there is none.
   */
  forResource(entity: Entity): { provider: CredentialProvider; target: string } {
    const annotations = entity.metadata.annotations ?? {};
    const wanted =
      annotations[ACCESS_PROVIDER_ANNOTATION] ?? (entity.spec?.type === 'database' ? 'postgres' : 'token');
    const provider =
      this.providers.get(wanted) ?? (this.fallbackProvider ? this.providers.get(this.fallbackProvider) : undefined);
    if (!provider) {
      throw new ServiceUnavailableError(
        `No credential provider "${wanted}" is configured for ${stringifyEntityRef(entity)}`,
      );
    }
    return { provider, target: annotations[ACCESS_TARGET_ANNOTATION] ?? entity.metadata.name };
  }
}
