import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createLocalJWKSet, jwtVerify } from 'jose';
import {
  conciergeCredentialProvidersExtensionPoint,
  CredentialGrant,
  CredentialProvider,
} from '@souverain/plugin-concierge-node';
import request from 'supertest';
import { conciergePlugin } from './plugin';

jest.setTimeout(60_000);

const queue: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'events-staging-queue', namespace: 'default', title: 'Staging events' },
  spec: { type: 'queue', lifecycle: 'staging', owner: 'group:default/payments-team' },
};
const dev: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'dev', namespace: 'default' },
  spec: {},
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments-team' }],
};

const prodQueue: Entity = {
  ...queue,
  metadata: { name: 'events-queue', namespace: 'default' },
  spec: { ...queue.spec, lifecycle: 'production' },
};
const sofia: Entity = {
  ...dev,
  metadata: { name: 'sofia', namespace: 'default' },
  relations: [{ type: 'memberOf', targetRef: 'group:default/security-team' }],
};

const sent: unknown[] = [];

const vaultQueue: Entity = {
  ...queue,
  metadata: {
    name: 'events-vault-queue',
    namespace: 'default',
    annotations: { 'souverain.io/access-provider': 'vault-kv', 'souverain.io/access-target': 'kv/events' },
  },
};

async function startConcierge(extraFeatures: Parameters<typeof startTestBackend>[0]['features'] = []) {
  const { server } = await startTestBackend({
    features: [
      conciergePlugin,
      ...(extraFeatures ?? []),
      catalogServiceMock.factory({ entities: [queue, prodQueue, vaultQueue, dev, sofia] }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async (options: unknown) => void sent.push(options) }),
      }),
      mockServices.rootConfig.factory({
        data: { souverain: { concierge: { encryptionKey: 'a-test-key-that-is-long-enough-0123456789' } } },
      }),
    ],
  });
  return server;
}

const asDev = mockCredentials.user.header('user:default/dev');
const body = {
  resourceRef: 'resource:default/events-staging-queue',
  accessLevel: 'read',
  durationMinutes: 30,
  justification: 'Replay the dead-lettered events of INC-88',
};

describe('the concierge plugin', () => {
  it('issues a signed token for a non-database resource, verifiable with the served JWKS', async () => {
    const server = await startConcierge();
    const created = await request(server).post('/api/concierge/requests').set('Authorization', asDev).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'active', policy: 'non-production-read', credential: { provider: 'token' } });

    const revealed = await request(server)
      .post(`/api/concierge/requests/${created.body.id}/credential`)
      .set('Authorization', asDev)
      .set('Accept-Encoding', 'gzip')
      .send({});
    expect(revealed.status).toBe(200);
    // A secret is neither kept by a cache nor compressed next to text the caller chose (BREACH)
    expect(revealed.headers['cache-control']).toBe('no-store, no-transform');
    expect(revealed.headers['content-encoding']).toBeUndefined();
    const jwks = await request(server).get('/api/concierge/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(JSON.stringify(jwks.body)).not.toContain('"d"');
    const { payload } = await jwtVerify(revealed.body.secret, createLocalJWKSet(jwks.body), {
      audience: 'events-staging-queue',
    });
    expect(payload).toMatchObject({ sub: 'user:default/dev', scope: 'read', jti: created.body.id });
    expect(payload.exp).toBe(Math.floor(Date.parse(created.body.expiresAt) / 1000));
  });

  it('issues and revokes through a provider a backend module adds at the extension point', async () => {
    /** A provider as a module would write one, keeping what it issued in memory. */
    class KvProvider implements CredentialProvider {
      readonly id = 'vault-kv';
      readonly issued: CredentialGrant[] = [];
      readonly revoked: string[] = [];
      async issue(grant: CredentialGrant) {
        this.issued.push(grant);
        return {
          reference: `kv-${grant.requestId}`,
          kind: 'KV token',
          secret: `kv-secret-for-${grant.requestId}`,
          details: { path: grant.target },
        };
      }
      async revoke({ reference }: { reference: string }) {
        this.revoked.push(reference);
      }
    }
    const kv = new KvProvider();
    const kvModule = createBackendModule({
      pluginId: 'concierge',
      moduleId: 'vault-kv',
      register(reg) {
        reg.registerInit({
          deps: { providers: conciergeCredentialProvidersExtensionPoint },
          async init({ providers }) {
            providers.addProvider(kv);
          },
        });
      },
    });
    const server = await startConcierge([kvModule]);
    const created = await request(server)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .send({ ...body, resourceRef: 'resource:default/events-vault-queue' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'active',
      credential: { provider: 'vault-kv', reference: `kv-${created.body.id}`, kind: 'KV token' },
    });
    expect(kv.issued).toEqual([
      expect.objectContaining({ requestId: created.body.id, target: 'kv/events', accessLevel: 'read', requester: 'user:default/dev' }),
    ]);
    const revealed = await request(server)
      .post(`/api/concierge/requests/${created.body.id}/credential`)
      .set('Authorization', asDev)
      .send({});
    expect(revealed.body.secret).toBe(`kv-secret-for-${created.body.id}`);
    const revoked = await request(server)
      .post(`/api/concierge/requests/${created.body.id}/revoke`)
      .set('Authorization', asDev)
      .send({});
    expect(revoked.body.state).toBe('revoked');
    expect(kv.revoked).toEqual([`kv-${created.body.id}`]);
    // Built-in resources still get the built-in providers
    const token = await request(server).post('/api/concierge/requests').set('Authorization', asDev).send(body);
    expect(token.body.credential.provider).toBe('token');
  });

  it('refuses to start when two modules add providers with one id', async () => {
    const twice = (moduleId: string) =>
      createBackendModule({
        pluginId: 'concierge',
        moduleId,
        register(reg) {
          reg.registerInit({
            deps: { providers: conciergeCredentialProvidersExtensionPoint },
            async init({ providers }) {
              providers.addProvider({ id: 'vault-kv', issue: async () => ({ reference: 'r', kind: 'k', secret: 's', details: {} }), revoke: async () => {} });
            },
          });
        },
      });
    await expect(startConcierge([twice('kv-a'), twice('kv-b')])).rejects.toThrow(
      /A concierge credential provider "vault-kv" is already registered/,
    );
  });

  it('issues through a replacement a module made of a built-in provider, wrapping the original', async () => {
    const issuedBy: string[] = [];
    const wrapping = createBackendModule({
      pluginId: 'concierge',
      moduleId: 'token-wrapper',
      register(reg) {
        reg.registerInit({
          deps: { providers: conciergeCredentialProvidersExtensionPoint },
          async init({ providers }) {
            providers.replaceProvider('token', original => ({
              id: 'token',
              issue: async grant => {
                issuedBy.push(grant.requester);
                return original!.issue(grant);
              },
              revoke: options => original!.revoke(options),
            }));
          },
        });
      },
    });
    const server = await startConcierge([wrapping]);
    const created = await request(server).post('/api/concierge/requests').set('Authorization', asDev).send(body);
    expect(created.body).toMatchObject({ state: 'active', credential: { provider: 'token' } });
    expect(issuedBy).toEqual(['user:default/dev']);
    // The original provider did the work: its token verifies with the served keys
    const revealed = await request(server)
      .post(`/api/concierge/requests/${created.body.id}/credential`)
      .set('Authorization', asDev)
      .send({});
    const jwks = await request(server).get('/api/concierge/.well-known/jwks.json');
    const { payload } = await jwtVerify(revealed.body.secret, createLocalJWKSet(jwks.body), {
      audience: 'events-staging-queue',
    });
    expect(payload.jti).toBe(created.body.id);
  });

  it('refuses to start when a replacement changes the id, or two modules replace one provider', async () => {
    const replacing = (moduleId: string, id: string) =>
      createBackendModule({
        pluginId: 'concierge',
        moduleId,
        register(reg) {
          reg.registerInit({
            deps: { providers: conciergeCredentialProvidersExtensionPoint },
            async init({ providers }) {
              providers.replaceProvider('token', () => ({
                id,
                issue: async () => ({ reference: 'r', kind: 'k', secret: 's', details: {} }),
                revoke: async () => {},
              }));
            },
          });
        },
      });
    await expect(startConcierge([replacing('renames', 'other-token')])).rejects.toThrow(
      /replacement of the concierge credential provider "token" must keep its id, not "other-token"/,
    );
    await expect(startConcierge([replacing('wrap-a', 'token'), replacing('wrap-b', 'token')])).rejects.toThrow(
      /The concierge credential provider "token" is already replaced by another module/,
    );
  });

  it('answers bad calls with Backstage errors naming the problem', async () => {
    const server = await startConcierge();
    const anonymous = await request(server)
      .post('/api/concierge/requests')
      .set('Authorization', mockCredentials.none.header())
      .send(body);
    expect(anonymous.status).toBe(401);

    const zero = await request(server)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .send({ ...body, durationMinutes: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error).toEqual({
      name: 'InputError',
      message: 'request/body/durationMinutes must be >= 1',
    });
    const extra = await request(server)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .send({ ...body, role: 'superuser' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toBe(
      'request/body has an unknown property "role"; allowed: resourceRef, accessLevel, durationMinutes, justification, ticket, breakGlass',
    );
    const badKey = await request(server)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .set('Idempotency-Key', 'short')
      .send(body);
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toMatch(/idempotency-key must match pattern/);
    const actAs = await request(server)
      .get('/api/concierge/whoami')
      .set('Authorization', asDev)
      .set('x-souverain-act-as', 'user:default/admin');
    expect(actAs.status).toBe(403);
    expect(actAs.body.error.message).toBe('Acting as another user is only possible in the local demo');
    const notAnId = await request(server).get('/api/concierge/requests/..%2F..%2Fetc').set('Authorization', asDev);
    expect(notAnId.status).toBe(404);
    const list = await request(server).get('/api/concierge/requests?limit=5000').set('Authorization', asDev);
    expect(list.status).toBe(400);
  });

  it('lists break-glass grants to review for reviewers only', async () => {
    const server = await startConcierge();
    const created = await request(server)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .send({ ...body, resourceRef: 'resource:default/events-queue', durationMinutes: 60, breakGlass: true });
    expect(created.body).toMatchObject({ state: 'active', breakGlass: true });
    const mine = await request(server).get('/api/concierge/requests?review=true').set('Authorization', asDev);
    expect(mine.body).toEqual({ items: [], totalCount: 0 });
    const asSofia = mockCredentials.user.header('user:default/sofia');
    const theirs = await request(server).get('/api/concierge/requests?review=true').set('Authorization', asSofia);
    expect(theirs.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
  });

  it('answers an approval or a denial with every decision on the request, as a later read shows them', async () => {
    const server = await startConcierge();
    const asSofia = mockCredentials.user.header('user:default/sofia');
    const write = { ...body, resourceRef: 'resource:default/events-queue', accessLevel: 'write', durationMinutes: 60 };
    const ask = (key: string) =>
      request(server).post('/api/concierge/requests').set('Authorization', asSofia).set('Idempotency-Key', key).send(write);

    const first = await ask('decisions-approve-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ state: 'pending', decisions: [] });
    const approved = await request(server)
      .post(`/api/concierge/requests/${first.body.id}/approve`)
      .set('Authorization', asDev)
      .send({ comment: 'Checked with the on-call' });
    expect(approved.status).toBe(200);
    const approval = { actor: 'user:default/dev', decision: 'approve', comment: 'Checked with the on-call' };
    expect(approved.body).toMatchObject({ state: 'active', decisions: [approval] });
    const read = await request(server).get(`/api/concierge/requests/${first.body.id}`).set('Authorization', asSofia);
    expect(read.body.decisions).toEqual(approved.body.decisions);
    // A replayed create answers with the request as it is now, decisions included
    const replayed = await ask('decisions-approve-1');
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ state: 'active', decisions: [approval] });

    const second = await ask('decisions-deny-1');
    const denied = await request(server)
      .post(`/api/concierge/requests/${second.body.id}/deny`)
      .set('Authorization', asDev)
      .send({ comment: 'Use the read replica' });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({
      state: 'denied',
      decisions: [{ actor: 'user:default/dev', decision: 'deny', comment: 'Use the read replica' }],
    });
    const reread = await request(server).get(`/api/concierge/requests/${second.body.id}`).set('Authorization', asSofia);
    expect(reread.body.decisions).toEqual(denied.body.decisions);
    // Nobody decides twice, and the requester cannot deny their own request
    const again = await request(server)
      .post(`/api/concierge/requests/${second.body.id}/deny`)
      .set('Authorization', asDev)
      .send({ comment: 'again' });
    expect(again.status).toBe(409);
    const third = await ask('decisions-own-1');
    const own = await request(server)
      .post(`/api/concierge/requests/${third.body.id}/deny`)
      .set('Authorization', asSofia)
      .send({ comment: 'never mind' });
    expect(own.status).toBe(403);
    const untouched = await request(server).get(`/api/concierge/requests/${third.body.id}`).set('Authorization', asSofia);
    expect(untouched.body).toMatchObject({ state: 'pending', decisions: [] });
  });
});
