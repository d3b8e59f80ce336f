import { LoggerService } from '@backstage/backend-plugin-api';
import { SecretBox } from '../crypto/SecretBox';
import { ConciergeStore } from '../database/ConciergeStore';
import { SigningKey, SigningKeyStorage } from './TokenCredentialProvider';

/**
 * Keeps the token provider's signing keys in the concierge's database, the private half
 * sealed with the concierge's encryption key, so every replica signs with the same key.
 */
export class StoreSigningKeyStorage implements SigningKeyStorage {
  constructor(
    private readonly store: ConciergeStore,
    private readonly secretBox: SecretBox,
    private readonly logger: LoggerService,
  ) {}

  async list(): Promise<SigningKey[]> {
    const keys: SigningKey[] = [];
    for (const row of await this.store.listSigningKeys()) {
      try {
        keys.push({
          kid: row.kid,
          publicJwk: JSON.parse(row.publicJwk),
          privateJwk: JSON.parse(this.secretBox.open(row.privateJwk)),
          createdAt: row.createdAt,
        });
      } catch {
        // Sealed under another encryption key (a restart without a configured key): unusable here.
        this.logger.warn(`Concierge signing key ${row.kid} cannot be decrypted with the current key; skipping it`);
      }
    }
    return keys;
  }

  async add(key: SigningKey): Promise<void> {
    await this.store.addSigningKey({
      kid: key.kid,
      publicJwk: JSON.stringify(key.publicJwk),
      privateJwk: this.secretBox.seal(JSON.stringify(key.privateJwk)),
      createdAt: key.createdAt,
    });
  }
}
