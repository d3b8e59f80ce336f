import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { adrPlugin } from '../plugin';
import { localFileUrlReaderFactory } from '@souverain/backend-module-local-files';

jest.setTimeout(60_000);

let root: string;
beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'adr-router-')));
  for (const [file, status] of [
    ['0001-use-postgres.md', 'accepted'],
    ['0002-use-rabbitmq.md', 'superseded by ADR-0003'],
    ['0003-use-an-outbox.md', 'accepted'],
  ]) {
    fs.mkdirSync(path.join(root, 'repo/docs/adr'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'repo/docs/adr', file),
      `---\nstatus: ${status}\ndate: 2025-02-01\n---\n# ${file.slice(
        5,
        -3,
      )}\n\n## Context and Problem Statement\n\nText.\n`,
    );
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const entity = (): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-api',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${root}/repo/catalog-info.yaml`,
      'backstage.io/managed-by-origin-location': `file:${root}/repo/catalog-info.yaml`,
      'backstage.io/adr-location': 'docs/adr',
    },
  },
  spec: { owner: 'group:default/team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});

async function start(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const { server } = await startTestBackend({
    features: [
      adrPlugin,
      localFileUrlReaderFactory,
      catalogServiceMock.factory({ entities: [entity()] }),
      mockServices.permissions.factory({ result }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: { souverain: { localFiles: { roots: [root] } } },
      }),
    ],
  });
  return server;
}

describe('adr router', () => {
  it('lets an admin refresh, then serves what was indexed', async () => {
    const server = await start(AuthorizeResult.ALLOW);
    const refresh = await request(server).post('/api/adr/refresh').send({});
    expect(refresh.status).toBe(200);
    expect(refresh.body).toMatchObject({ entities: 1, records: 3, added: 3 });

    const list = await request(server).get(
      '/api/adr/records?sort=number&order=asc',
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { title: string }) => i.title)).toEqual([
      'use-postgres',
      'use-rabbitmq',
      'use-an-outbox',
    ]);
    const filtered = await request(server).get(
      '/api/adr/records?status=accepted&status=superseded&entityRef=component:default/shop-api&from=2025-01-01&to=2025-12-31',
    );
    expect(filtered.body.totalCount).toBe(3);

    const one = await request(server).get(
      `/api/adr/records/${list.body.items[1].id}`,
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      status: 'superseded',
      links: [{ type: 'superseded-by' }],
    });
    expect(one.body.links[0].targetId).toBe(list.body.items[2].id);

    const graph = await request(server).get(
      `/api/adr/graph?id=${list.body.items[1].id}`,
    );
    expect(graph.body.edges).toEqual([
      {
        from: list.body.items[2].id,
        to: list.body.items[1].id,
        type: 'supersedes',
      },
    ]);
    const stats = await request(server).get(
      '/api/adr/stats?entityRef=component:default/shop-api',
    );
    expect(stats.body.byStatus).toEqual([
      { value: 'accepted', count: 2 },
      { value: 'superseded', count: 1 },
    ]);
    // A new file shows after a refresh, even though the list was answered from the cache before
    fs.writeFileSync(
      path.join(root, 'repo/docs/adr/0004-use-sagas.md'),
      '---\nstatus: proposed\ndate: 2025-03-01\n---\n# use-sagas\n',
    );
    expect(
      (await request(server).get('/api/adr/records?sort=number&order=asc')).body
        .totalCount,
    ).toBe(3);
    const entityRefresh = await request(server)
      .post('/api/adr/refresh')
      .send({ entityRef: 'component:default/shop-api' });
    expect(entityRefresh.body).toMatchObject({
      entities: 1,
      records: 4,
      added: 1,
    });
    const after = await request(server).get(
      '/api/adr/records?sort=number&order=asc',
    );
    expect(after.body.items.map((i: { title: string }) => i.title)).toContain(
      'use-sagas',
    );
    fs.rmSync(path.join(root, 'repo/docs/adr/0004-use-sagas.md'));
    const unknown = await request(server)
      .post('/api/adr/refresh')
      .send({ entityRef: 'component:default/nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No entity component:default/nope in the catalog',
    );
  });

  it.each([
    '/api/adr/records?status=bogus',
    '/api/adr/records?limit=501',
    '/api/adr/records?limit=abc',
    '/api/adr/records?offset=-1',
    '/api/adr/records?from=2025-13-01',
    '/api/adr/records?from=2026-02-31',
    '/api/adr/records?from=yesterday',
    '/api/adr/records?from=2025-02-01&to=2025-01-01',
    '/api/adr/records?entityRef=a:b:c:d',
    '/api/adr/records?colour=red',
    `/api/adr/records?q=${'x'.repeat(201)}`,
    '/api/adr/records/not-an-id',
    '/api/adr/graph',
    '/api/adr/graph?id=x&entityRef=y',
    '/api/adr/stats?entityRef=a:b:c:d',
  ])('answers 400 naming the problem for GET %s', async url => {
    const server = await start(AuthorizeResult.ALLOW);
    const response = await request(server).get(url);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchSnapshot();
  });

  it.each([
    ['an extra property', { everything: true }],
    ['a wrong type', { entityRef: 5 }],
    ['a bad entity reference', { entityRef: 'a:b:c:d' }],
    ['a lone surrogate', { entityRef: 'component:default/\ud800x' }],
  ])('answers 400 to a refresh body with %s', async (_what, body) => {
    const server = await start(AuthorizeResult.ALLOW);
    const response = await request(server).post('/api/adr/refresh').send(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchSnapshot();
  });

  it('answers 415 to a body that is not JSON, 413 to one over 16 kB, 400 to broken JSON', async () => {
    const server = await start(AuthorizeResult.ALLOW);
    const text = await request(server)
      .post('/api/adr/refresh')
      .set('Content-Type', 'text/plain')
      .send('entityRef=component:default/shop-api');
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchSnapshot();
    const form = await request(server)
      .post('/api/adr/refresh')
      .type('form')
      .send({ entityRef: 'component:default/shop-api' });
    expect(form.status).toBe(415);
    const big = await request(server)
      .post('/api/adr/refresh')
      .send({ entityRef: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchSnapshot();
    const broken = await request(server)
      .post('/api/adr/refresh')
      .set('Content-Type', 'application/json')
      .send('{"entityRef":');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(
      /^request body is not valid JSON/,
    );
    // None of them reached the indexer: nothing was indexed
    expect(
      (await request(server).get('/api/adr/records')).body.totalCount,
    ).toBe(0);
  });

  it('answers 404 for an unknown record and 401 without credentials', async () => {
    const server = await start(AuthorizeResult.ALLOW);
    const missing = await request(server).get(
      `/api/adr/records/${'a'.repeat(40)}`,
    );
    expect(missing.status).toBe(404);
    const anonymous = await request(server)
      .get('/api/adr/records')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const anonymousRefresh = await request(server)
      .post('/api/adr/refresh')
      .set('Authorization', mockCredentials.none.header())
      .send({});
    expect(anonymousRefresh.status).toBe(401);
  });

  it('refuses a refresh to non-admins and a body it does not know', async () => {
    const server = await start(AuthorizeResult.DENY);
    const denied = await request(server).post('/api/adr/refresh').send({});
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Only portal admins may force a refresh of the decision index',
    );
    expect(
      (await request(server).get('/api/adr/records')).body.totalCount,
    ).toBe(0);
  });
});
