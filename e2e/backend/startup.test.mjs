// The backend starts on SQLite and on PostgreSQL (production config) and serves the demo catalog;
// a malformed entity file shows up as a processing error without hiding anything else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  TEST_POSTGRES_URL,
  catalogEntities,
  dropTestDatabases,
  eventually,
  guestToken,
  postgresEnv,
  root,
  startBackend,
} from '../lib/backend.mjs';

const require = createRequire(path.join(root, 'packages/backend/package.json'));
const PORT = 7107;

async function assertServesDemoCatalog(baseUrl) {
  const token = await guestToken(baseUrl);
  const expected = ['payments-api', 'ledger-service', 'fraud-detector', 'concierge', 'fixture-healthy-service'];
  // The portal's own packages (catalog-info.yaml at the root) are counted apart from the demo's.
  const ofPortal = e => (e.relations ?? []).some(r => r.type === 'partOf' && r.targetRef === 'system:default/souverain');
  // Entities arrive one stitch at a time: wait for all thirteen, not just the named ones
  let last = [];
  const components = await eventually(
    async () => {
      last = (await catalogEntities(baseUrl, token, 'kind=component')).filter(e => !ofPortal(e));
      const names = last.map(e => e.metadata.name);
      return expected.every(n => names.includes(n)) && last.length >= 13 ? last : undefined;
    },
    { what: `the components ${expected.join(', ')} to be ingested` },
  ).catch(error => {
    throw new Error(`${error.message}; ingested: ${last.map(e => e.metadata.name).join(', ')}`);
  });
  // The twelve demo components plus the healthy fixture.
  assert.equal(components.length, 13, components.map(e => e.metadata.name).join(', '));
  // The portal's APIs carry the specs their routers are generated from ($text of a file: URL).
  const apis = await eventually(
    async () => {
      const found = (await catalogEntities(baseUrl, token, 'kind=api')).filter(ofPortal);
      return found.length === 2 ? found : undefined;
    },
    { what: "the portal's own two APIs to be ingested" },
  );
  for (const api of apis) {
    assert.match(api.spec.definition, /^openapi: 3/m, `${api.metadata.name} holds its OpenAPI spec`);
  }
  const payments = components.find(e => e.metadata.name === 'payments-api');
  assert.equal(payments.spec.owner, 'group:payments-team');
  assert.ok(
    payments.relations.some(r => r.type === 'dependsOn' && r.targetRef === 'resource:default/acme-payments-db'),
    'payments-api depends on acme-payments-db',
  );

  // The broken files are listed, with their errors, among the entities the catalog could not
  // process (the Unprocessed Entities page reads the same endpoints).
  const messages = await eventually(
    async () => {
      const lists = await Promise.all(
        ['pending', 'failed'].map(async reason => {
          const res = await fetch(`${baseUrl}/api/catalog/entities/unprocessed/${reason}`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          assert.equal(res.status, 200);
          return (await res.json()).entities;
        }),
      );
      const text = lists.flat().flatMap(e => e.errors ?? []).map(e => e.message).join('\n');
      return /not-yaml\.yaml/.test(text) && /Not A Valid Name!/.test(text) ? text : undefined;
    },
    { what: 'processing errors for the two broken fixture files' },
  );
  assert.match(messages, /YAML error at file:.*not-yaml\.yaml/);
  assert.match(messages, /"metadata\.name" is not valid/);
  // And the entity in the broken files is nowhere in the catalog.
  assert.equal((await catalogEntities(baseUrl, token, 'kind=component,metadata.name=broken-yaml')).length, 0);
}

// The decision index reads the demo ADR folders of examples/adr through the file: reader,
// resolves the supersedes chains, and feeds Backstage search.
async function assertIndexesDemoDecisions(baseUrl) {
  const token = await guestToken(baseUrl);
  const get = async url => {
    const res = await fetch(`${baseUrl}${url}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `${url}: ${res.status}`);
    return res.json();
  };
  const stats = await eventually(
    async () => {
      const s = await get('/api/adr/stats');
      return s.total >= 24 ? s : undefined;
    },
    { what: 'the 24 demo decision records to be indexed' },
  );
  assert.equal(stats.total, 24);
  assert.equal(stats.problems, 0);
  assert.deepEqual(
    stats.byStatus.find(s => s.value === 'superseded'),
    { value: 'superseded', count: 3 },
  );
  const platform = await get('/api/adr/records?system=system:default/developer-platform&sort=number&order=asc&limit=50');
  assert.equal(platform.totalCount, 10);
  const finops = platform.items.find(i => i.number === 7);
  const detail = await get(`/api/adr/records/${finops.id}`);
  const successor = detail.links.find(l => l.type === 'superseded-by');
  assert.equal(successor.targetId, platform.items.find(i => i.number === 10).id);
  const search = await eventually(
    async () => {
      const r = await get('/api/search/query?term=outbox&types%5B0%5D=adr');
      return r.results.length > 0 ? r : undefined;
    },
    { what: 'decision records in Backstage search', timeoutMs: 150_000 },
  );
  assert.match(search.results[0].document.location, /^\/decisions\/[a-f0-9]{40}$/);
}

describe('backend on SQLite (the local default)', () => {
  let backend;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'souverain-sqlite-'));
  before(async () => {
    backend = await startBackend({
      port: PORT,
      configs: ['app-config.yaml', 'e2e/fixtures/app-config.backend-test.yaml', 'e2e/fixtures/app-config.sqlite-test.yaml'],
      env: { SOUVERAIN_TEST_DATA_DIR: dataDir },
    });
  });
  after(async () => {
    await backend?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the demo catalog and reports the malformed files as processing errors', async () => {
    await assertServesDemoCatalog(backend.baseUrl);
  });

  it('indexes the demo decision records and makes them searchable', async () => {
    await assertIndexesDemoDecisions(backend.baseUrl);
  });

  it('keeps its data in SQLite files under the data directory', () => {
    const files = fs.readdirSync(dataDir);
    assert.ok(files.some(f => f.startsWith('catalog')), `catalog database file in ${files.join(', ')}`);
  });

  it('refuses anonymous reads of the catalog', async () => {
    const res = await fetch(`${backend.baseUrl}/api/catalog/entities`);
    assert.equal(res.status, 401);
  });
});

describe('backend on PostgreSQL (app-config.production.yaml)', () => {
  let backend;
  const pgUrl = TEST_POSTGRES_URL;
  const prefix = `souverain_test_${process.pid}_`;
  const { Client } = require('pg');

  before(async () => {
    backend = await startBackend({
      port: PORT,
      configs: ['app-config.yaml', 'app-config.production.yaml', 'e2e/fixtures/app-config.backend-test.yaml'],
      env: postgresEnv({ prefix, appUrl: 'http://localhost:3107', backendUrl: 'http://localhost:7107' }),
    });
  });
  after(async () => {
    await backend?.stop();
    await dropTestDatabases(prefix);
  });

  it('serves the demo catalog and reports the malformed files as processing errors', async () => {
    await assertServesDemoCatalog(backend.baseUrl);
  });

  it('indexes the demo decision records in PostgreSQL and makes them searchable', async () => {
    await assertIndexesDemoDecisions(backend.baseUrl);
  });

  it("keeps the concierge's audit log from a signed-in user who is not an auditor", async () => {
    // Production names only the security team as auditors; the guest is a payments developer
    const token = await guestToken(backend.baseUrl);
    const call = (method, route) =>
      fetch(`${backend.baseUrl}/api/concierge${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
    for (const [method, route] of [
      ['GET', '/audit'],
      ['GET', '/audit/export'],
      ['POST', '/audit/verify'],
    ]) {
      const res = await call(method, route);
      assert.equal(res.status, 403, `${method} ${route}`);
      const body = await res.json();
      assert.equal(body.error.name, 'NotAllowedError', `${method} ${route}`);
    }
    // The same user may still list what they asked for
    assert.equal((await call('GET', '/requests?mine=true')).status, 200);
  });

  it('stores the catalog in its own PostgreSQL database', async () => {
    const client = new Client({ connectionString: `${pgUrl}/${prefix}catalog` });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM final_entities WHERE final_entity::jsonb ->> 'kind' = 'Component' AND final_entity::jsonb #>> '{metadata,name}' = 'payments-api'",
      );
      assert.equal(rows[0].n, 1);
    } finally {
      await client.end();
    }
  });
});
