import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CredentialGrant } from '@souverain/plugin-concierge-node';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  SigningKey,
  SigningKeyStorage,
  TokenCredentialProvider,
} from './TokenCredentialProvider';

class InMemoryKeyStorage implements SigningKeyStorage {
  readonly keys: SigningKey[] = [];

  async list() {
    return [...this.keys];
  }

  async add(key: SigningKey) {
    this.keys.push(key);
  }
}

const issuer = 'http://localhost:7007/api/concierge';
const expiresAt = new Date('2099-05-06T07:08:09.000Z');

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'ledger-api',
    annotations: { 'souverain.io/tenant': 'acme' },
  },
  spec: { type: 'api', owner: 'group:default/finance-team' },
};

const grant: CredentialGrant = {
  requestId: '0b8e7c1e-5d2a-4f34-9a51-7d1f0c3b2a10',
  requester: 'user:default/alice',
  resource,
  resourceRef: 'resource:default/ledger-api',
  target: 'ledger-api',
  accessLevel: 'write',
  expiresAt,
};

function createProvider(
  keyStorage: SigningKeyStorage = new InMemoryKeyStorage(),
) {
  return new TokenCredentialProvider({
    issuer,
    keyStorage,
    logger: mockServices.logger.mock(),
  });
}

async function verify(
  provider: TokenCredentialProvider,
  token: string,
  audience = grant.target,
) {
  return jwtVerify(token, createLocalJWKSet(await provider.jwks()), {
    issuer,
    audience,
  });
}

describe('TokenCredentialProvider', () => {
  it('issues a token that verifies against its JWKS and carries the grant', async () => {
    const provider = createProvider();

    const credential = await provider.issue(grant);
    const { payload, protectedHeader } = await verify(
      provider,
      credential.secret,
    );

    expect(payload).toMatchObject({
      scope: 'write',
      resource: 'resource:default/ledger-api',
      tenant: 'acme',
      sub: 'user:default/alice',
      aud: 'ledger-api',
      iss: issuer,
      jti: grant.requestId,
      exp: expiresAt.getTime() / 1000,
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(credential).toMatchObject({
      reference: grant.requestId,
      kind: 'Bearer token (JWT)',
      details: {
        audience: 'ledger-api',
        scope: 'write',
        issuer,
        jwksUrl: `${issuer}/.well-known/jwks.json`,
        validUntil: expiresAt.toISOString(),
      },
    });
  });

  it('rejects a token whose payload was altered', async () => {
    const provider = createProvider();
    const { secret } = await provider.issue({ ...grant, accessLevel: 'read' });

    const [header, payload, signature] = secret.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, scope: 'admin' }),
    ).toString('base64url');

    await expect(
      verify(provider, `${header}.${forged}.${signature}`),
    ).rejects.toThrow(/signature verification failed/);
  });

  it('rejects a token presented to another audience', async () => {
    const provider = createProvider();
    const { secret } = await provider.issue(grant);

    await expect(verify(provider, secret, 'payments-api')).rejects.toThrow(
      /aud/,
    );
  });

  it('publishes only public keys', async () => {
    const provider = createProvider();
    await provider.issue(grant);

    const { keys } = await provider.jwks();

    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
    });
    expect(keys[0].kid).toEqual(expect.any(String));
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('two replicas that start at once issue tokens that verify on either', async () => {
    const storage = new InMemoryKeyStorage();
    const first = createProvider(storage);
    const second = createProvider(storage);

    // Both may create a key in the same instant; every stored key is in both JWKS, so an API
    // verifies tokens from either replica whichever key signed them.
    const [a, b] = await Promise.all([first.issue(grant), second.issue(grant)]);
    expect(decodeProtectedHeader(a.secret).kid).toEqual(expect.any(String));
    await expect(verify(first, b.secret)).resolves.toBeDefined();
    await expect(verify(second, a.secret)).resolves.toBeDefined();
  });

  it('keeps signing with the stored key after a restart', async () => {
    const storage = new InMemoryKeyStorage();
    const before = await createProvider(storage).issue(grant);
    const after = await createProvider(storage).issue(grant);

    expect(storage.keys).toHaveLength(1);
    expect(decodeProtectedHeader(after.secret).kid).toBe(
      decodeProtectedHeader(before.secret).kid,
    );
  });

  it('revokes and answers the health check without failing', async () => {
    const provider = createProvider();

    await expect(provider.revoke()).resolves.toBeUndefined();
    await expect(provider.healthCheck()).resolves.toBeUndefined();
  });
});
