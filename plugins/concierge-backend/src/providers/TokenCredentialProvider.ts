import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { TENANT_ANNOTATION } from '@souverain/plugin-concierge-common';
import {
  CredentialGrant,
  CredentialProvider,
  IssuedCredential,
} from '@souverain/plugin-concierge-node';
import {
  JWK,
  KeyLike,
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
} from 'jose';

const ALG = 'ES256';

/** A key pair the token provider signs with, as stored (the private half is encrypted at rest by the storage). */
export interface SigningKey {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
  /** ISO timestamp; the oldest key is the one every replica signs with. */
  createdAt: string;
}

/** Where the token provider keeps its signing keys, shared by all backend replicas. */
export interface SigningKeyStorage {
  list(): Promise<SigningKey[]>;
  add(key: SigningKey): Promise<void>;
}

/** Options of {@link TokenCredentialProvider}. */
export interface TokenCredentialProviderOptions {
  /** The `iss` of every token, e.g. the backend's base URL plus `/api/concierge`. */
  issuer: string;
  keyStorage: SigningKeyStorage;
  logger: LoggerService;
}

/** Issues short-lived ES256 JWTs for internal HTTP APIs, verifiable through {@link TokenCredentialProvider.jwks}. */
export class TokenCredentialProvider implements CredentialProvider {
  readonly id = 'token';

  readonly #issuer: string;
  readonly #jwksUrl: string;
  readonly #storage: SigningKeyStorage;
  readonly #logger: LoggerService;
  #signer?: Promise<{ kid: string; key: KeyLike | Uint8Array }>;

  constructor(options: TokenCredentialProviderOptions) {
    this.#issuer = options.issuer;
    this.#jwksUrl = `${options.issuer.replace(
      /\/+$/,
      '',
    )}/.well-known/jwks.json`;
    this.#storage = options.keyStorage;
    this.#logger = options.logger;
  }

  async issue(grant: CredentialGrant): Promise<IssuedCredential> {
    if (!grant.target) {
      throw new InputError(
        'A token needs an audience; the grant has no target',
      );
    }
    const { kid, key } = await this.#signingKey();
    const tenant = grant.resource.metadata.annotations?.[TENANT_ANNOTATION];
    const token = await new SignJWT({
      scope: grant.accessLevel,
      resource: grant.resourceRef,
      ...(tenant ? { tenant } : {}),
    })
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setSubject(grant.requester)
      .setAudience(grant.target)
      .setIssuer(this.#issuer)
      .setIssuedAt()
      .setExpirationTime(Math.floor(grant.expiresAt.getTime() / 1000))
      .setJti(grant.requestId)
      .sign(key);

    return {
      reference: grant.requestId,
      kind: 'Bearer token (JWT)',
      secret: token,
      details: {
        audience: grant.target,
        scope: grant.accessLevel,
        issuer: this.#issuer,
        jwksUrl: this.#jwksUrl,
        validUntil: grant.expiresAt.toISOString(),
      },
    };
  }

  /**
   * A signed token cannot be recalled: it stays valid until its `exp`. So this succeeds
   * without doing anything; the concierge publishes revoked token ids (`jti`) separately
   * for APIs that need to refuse a token before it expires.
   */
  async revoke(): Promise<void> {}

  async healthCheck(): Promise<void> {}

  /** The public keys tokens are signed with, as a JSON Web Key Set. */
  async jwks(): Promise<{ keys: JWK[] }> {
    // Creates the first key if none exists, so the set is never empty.
    await this.#signingKey();
    const keys = await this.#storage.list();
    return { keys: keys.map(publicPart) };
  }

  #signingKey(): Promise<{ kid: string; key: KeyLike | Uint8Array }> {
    if (!this.#signer) {
      this.#signer = this.#loadSigningKey().catch(error => {
        this.#signer = undefined; // let the next call try again
        throw error;
      });
    }
    return this.#signer;
  }

  async #loadSigningKey(): Promise<{ kid: string; key: KeyLike | Uint8Array }> {
    let keys = await this.#storage.list();
    if (keys.length === 0) {
      await this.#storage.add(await generateSigningKey());
      // Another replica may have added one at the same time; all settle on the oldest.
      keys = await this.#storage.list();
      this.#logger.info('Created a token signing key');
    }
    const [oldest] = [...keys].sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) || a.kid.localeCompare(b.kid),
    );
    if (!oldest) {
      throw new Error('The signing key storage holds no key after adding one');
    }
    return { kid: oldest.kid, key: await importJWK(oldest.privateJwk, ALG) };
  }
}

async function generateSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, {
    extractable: true,
  });
  const kid = randomUUID();
  return {
    kid,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' },
    createdAt: new Date().toISOString(),
  };
}

/** Only the public members of an EC key, whatever the storage handed back. */
function publicPart(key: SigningKey): JWK {
  const { kty, crv, x, y } = key.publicJwk;
  return { kty, crv, x, y, kid: key.kid, alg: ALG, use: 'sig' };
}
