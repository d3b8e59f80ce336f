import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  COMMENT_MIN_LENGTH,
  JUSTIFICATION_MIN_LENGTH,
} from '@souverain/plugin-concierge-common';
import request from 'supertest';
import { conciergePlugin } from '../plugin';
import { spec } from '../schema/openapi';

jest.setTimeout(60_000);

const queue: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'events-staging-queue', namespace: 'default' },
  spec: {
    type: 'queue',
    lifecycle: 'staging',
    owner: 'group:default/payments-team',
  },
};
const dev: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'dev', namespace: 'default' },
  spec: {},
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments-team' }],
};

async function start() {
  const { server } = await startTestBackend({
    features: [
      conciergePlugin,
      catalogServiceMock.factory({ entities: [queue, dev] }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.rootConfig.factory({
        data: {
          souverain: {
            concierge: {
              encryptionKey: 'a-test-key-that-is-long-enough-0123456789',
            },
          },
        },
      }),
    ],
  });
  return server;
}

const asDev = mockCredentials.user.header('user:default/dev');
const valid = {
  resourceRef: 'resource:default/events-staging-queue',
  accessLevel: 'read',
  durationMinutes: 30,
  justification: 'Replay the dead-lettered events of INC-88',
};
const someId = '5b0c7c1e-8d5e-4a53-9a57-0f6d7c6b1d2e';

type Server = Awaited<ReturnType<typeof start>>;
let server: Server;
beforeAll(async () => {
  server = await start();
});

/** Every route that takes a JSON body, with a body it accepts. */
const bodyRoutes: Array<[string, object]> = [
  ['/requests', valid],
  [`/requests/${someId}/approve`, { comment: 'fine' }],
  [`/requests/${someId}/deny`, { comment: 'not now' }],
  [`/requests/${someId}/cancel`, {}],
  [`/requests/${someId}/revoke`, { reason: 'done' }],
  [`/requests/${someId}/retry`, {}],
  [`/requests/${someId}/review`, { comment: 'checked' }],
  [`/requests/${someId}/credential`, {}],
  ['/audit/verify', {}],
];

describe('the concierge router', () => {
  it.each([
    ['/requests?limit=5000'],
    ['/requests?limit=abc'],
    ['/requests?offset=-1'],
    ['/requests?state=bogus'],
    ['/requests?mine=maybe'],
    ['/requests?colour=red'],
    [`/requests?resourceRef=${'x'.repeat(256)}`],
    ['/preview?accessLevel=read'],
    [
      '/preview?resourceRef=resource:default/events-staging-queue&accessLevel=root',
    ],
    ['/audit?requestId=nope'],
    ['/audit?before=0'],
    ['/audit?limit=1001'],
  ])('answers 400 naming the problem for GET %s', async url => {
    const response = await request(server)
      .get(`/api/concierge${url}`)
      .set('Authorization', asDev);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchSnapshot();
  });

  it.each([
    ['a missing field', { ...valid, justification: undefined }],
    ['a wrong type', { ...valid, durationMinutes: '30' }],
    ['a fraction of a minute', { ...valid, durationMinutes: 1.5 }],
    ['no time at all', { ...valid, durationMinutes: 0 }],
    ['an unknown access level', { ...valid, accessLevel: 'root' }],
    ['an extra property', { ...valid, role: 'superuser' }],
    [
      'a justification padded with spaces',
      { ...valid, justification: '    why?      ' },
    ],
    ['a ticket that is not a reference', { ...valid, ticket: 'see my mail' }],
    [
      'a lone surrogate in the justification',
      { ...valid, justification: 'Replay the events \ud800 of INC-88' },
    ],
  ])(
    'refuses a request for access with %s, and stores nothing',
    async (_what, body) => {
      const fresh = await start();
      const response = await request(fresh)
        .post('/api/concierge/requests')
        .set('Authorization', asDev)
        .send(body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchSnapshot();
      const mine = await request(fresh)
        .get('/api/concierge/requests?mine=true')
        .set('Authorization', asDev);
      expect(mine.body).toEqual({ items: [], totalCount: 0 });
    },
  );

  it.each([
    ['an extra property', 'approve', { comment: 'fine', urgent: true }],
    ['a wrong type', 'approve', { comment: 5 }],
    ['a lone surrogate', 'approve', { comment: 'fine \ud800' }],
    ['a missing comment', 'deny', {}],
    ['a wrong type', 'deny', { comment: ['no'] }],
    ['a comment of spaces', 'deny', { comment: '          ' }],
    ['a lone surrogate', 'deny', { comment: 'no \udc00' }],
    ['an extra property', 'cancel', { reason: 'changed my mind' }],
    ['a wrong type', 'revoke', { reason: false }],
    ['a lone surrogate', 'revoke', { reason: '\ud800' }],
    ['an extra property', 'retry', { force: true }],
    ['a missing comment', 'review', {}],
    ['an extra property', 'credential', { format: 'pem' }],
  ])('answers 400 to %s on %s', async (_what, verb, body) => {
    const response = await request(server)
      .post(`/api/concierge/requests/${someId}/${verb}`)
      .set('Authorization', asDev)
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchSnapshot();
  });

  it('answers 400 to an extra property on a verification', async () => {
    const response = await request(server)
      .post('/api/concierge/audit/verify')
      .set('Authorization', asDev)
      .send({ deep: true });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchSnapshot();
  });

  it('answers 400 to an idempotency key that is too short', async () => {
    const response = await request(server)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .set('Idempotency-Key', 'short')
      .send(valid);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchSnapshot();
  });

  it.each(bodyRoutes)(
    'answers 415 to a text or form body on POST %s, and 413 to one over 64 kB',
    async (path, body) => {
      const text = await request(server)
        .post(`/api/concierge${path}`)
        .set('Authorization', asDev)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(body));
      expect(text.status).toBe(415);
      expect(text.body.error).toMatchObject({
        name: 'UnsupportedMediaTypeError',
        message: 'request body must be application/json, not text/plain',
      });
      const form = await request(server)
        .post(`/api/concierge${path}`)
        .set('Authorization', asDev)
        .type('form')
        .send({ comment: 'fine' });
      expect(form.status).toBe(415);
      expect(form.body.error.message).toBe(
        'request body must be application/json, not application/x-www-form-urlencoded',
      );
      const big = await request(server)
        .post(`/api/concierge${path}`)
        .set('Authorization', asDev)
        .send({ ...body, padding: 'x'.repeat(70_000) });
      expect(big.status).toBe(413);
      expect(big.body.error).toMatchObject({
        name: 'PayloadTooLargeError',
        message: 'request body is larger than the limit of 64kb',
      });
    },
  );

  it('answers 404, not 400, to an id that cannot be a request', async () => {
    const response = await request(server)
      .get('/api/concierge/requests/..%2F..%2Fetc')
      .set('Authorization', asDev);
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('No access request ../../etc');
  });

  it('keeps no answer in any cache, but lets anyone cache the public keys', async () => {
    const refused = await request(server)
      .get('/api/concierge/requests?limit=abc')
      .set('Authorization', asDev);
    expect(refused.headers['cache-control']).toBe('no-store, no-transform');
    const jwks = await request(server).get(
      '/api/concierge/.well-known/jwks.json',
    );
    expect(jwks.status).toBe(200);
    expect(jwks.headers['cache-control']).toBe('public, max-age=300');
  });

  it('filters requests by one state or several, and previews the policy for a resource', async () => {
    const fresh = await start();
    const created = await request(fresh)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .send(valid);
    expect(created.body.state).toBe('active');
    const list = (query: string) =>
      request(fresh)
        .get(`/api/concierge/requests?${query}`)
        .set('Authorization', asDev);
    expect(
      (await list('state=active')).body.items.map((r: { id: string }) => r.id),
    ).toEqual([created.body.id]);
    expect((await list('state=pending&state=denied')).body).toEqual({
      items: [],
      totalCount: 0,
    });
    expect((await list('mine=false&limit=1&offset=0')).body.totalCount).toBe(1);
    const preview = await request(fresh)
      .get(
        '/api/concierge/preview?resourceRef=resource:default/events-staging-queue&accessLevel=read',
      )
      .set('Authorization', asDev);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      accessLevel: 'read',
      policy: 'non-production-read',
    });
  });

  it('exports the audit log as JSON lines, one entry per line', async () => {
    const fresh = await start();
    const created = await request(fresh)
      .post('/api/concierge/requests')
      .set('Authorization', asDev)
      .send(valid);
    expect(created.status).toBe(201);
    const exported = await request(fresh)
      .get('/api/concierge/audit/export')
      .set('Authorization', asDev);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe(
      'application/x-ndjson; charset=utf-8',
    );
    expect(exported.headers['content-disposition']).toBe(
      'attachment; filename="concierge-audit.jsonl"',
    );
    const entries = exported.text
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(entries.map(e => e.requestId)).toContain(created.body.id);
    expect(entries.map(e => e.seq)).toEqual(
      [...entries.map(e => e.seq)].sort((a, b) => a - b),
    );
  });

  it('serves its spec, whose minimum lengths are the ones the forms show', async () => {
    const served = await request(server)
      .get('/api/concierge/openapi.json')
      .set('Authorization', asDev);
    expect(served.status).toBe(200);
    expect(Object.keys(served.body.paths)).toContain('/api/concierge/requests');
    const schemas = spec.components.schemas;
    expect(schemas.CreateAccessRequest.properties.justification.minLength).toBe(
      JUSTIFICATION_MIN_LENGTH,
    );
    expect(schemas.RequiredComment.properties.comment.minLength).toBe(
      COMMENT_MIN_LENGTH,
    );
  });
});
