import { TestDatabases } from '@backstage/backend-test-utils';
import { AdrEntityInfo, parseAdr } from '@souverain/plugin-adr-common';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { DatabaseAdrStore } from './DatabaseAdrStore';
import { IndexedAdr } from './AdrStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/**
 * TestDatabases' SQLite is in memory; the embedded default is a file, whose lists run on a
 * reader thread (SqliteReader). Every test also runs on one.
 */
const SQLITE_FILE = 'SQLITE_3 in a file';
const opened: Array<{ knex: Knex; store?: DatabaseAdrStore; dir: string }> = [];
afterAll(async () => {
  for (const { knex, store, dir } of opened) {
    await store?.close();
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
async function init(databaseId: string): Promise<Knex> {
  if (databaseId !== SQLITE_FILE) return databases.init(databaseId as Parameters<typeof databases.init>[0]);
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'souverain-adr-store-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: nodePath.join(dir, 'adr.sqlite') },
    useNullAsDefault: true,
  });
  opened.push({ knex, dir });
  return knex;
}

const payments = {
  entityRef: 'component:default/payments-api',
  kind: 'Component',
  title: 'Payments API',
  system: 'system:default/payments',
  domain: 'domain:default/payments',
  owner: 'group:default/payments-team',
};
const ledger = {
  entityRef: 'component:default/ledger-service',
  kind: 'Component',
  system: 'system:default/ledger',
  domain: 'domain:default/payments',
  owner: 'group:default/finance-team',
};

function record(entity: AdrEntityInfo, path: string, content: string): IndexedAdr {
  const folderUrl = `file:///repo/${entity.entityRef.split('/')[1]}/docs/adr`;
  return {
    id: `${entity.entityRef}:${path}`.replace(/[^a-z0-9]/gi, '').slice(-60),
    entity,
    parsed: parseAdr(content, { path }),
    url: `${folderUrl}/${path}`,
    folderUrl,
    contentHash: String(content.length),
  };
}

const outbox = record(
  payments,
  '0004-use-an-outbox.md',
  '---\nstatus: accepted\ndate: 2025-06-01\ntags: [messaging, reliability]\nsupersedes: [ADR-0002]\n---\n# Publish events through a transactional outbox\n\n## Context and Problem Statement\n\nDual writes lose events when the broker is down.\n',
);
const direct = record(
  payments,
  '0002-publish-directly.md',
  '---\nstatus: superseded by ADR-0004\ndate: 2024-01-10\ntags: [messaging]\n---\n# Publish events directly after commit\n\n## Context and Problem Statement\n\nWe need events for the ledger.\n',
);
const keys = record(
  payments,
  '0001-idempotency-keys.md',
  '---\nstatus: accepted\ndate: 2024-03-02\ntags: [api]\n---\n# Require idempotency keys\n\n## Context and Problem Statement\n\nClients retry payments.\n',
);
const journal = record(
  ledger,
  '0001-use-a-journal.md',
  '# 1. Use a double-entry journal\n\nDate: 2023-11-20\n\n## Status\n\nProposed\n\n## Context\n\nMoney must balance. Corrections are reversals.\n\n## Decision\n\nJournal.\n',
);

describe.each([...databases.eachSupportedId(), [SQLITE_FILE]])('DatabaseAdrStore on %p', databaseId => {
  async function createStore() {
    const knex = await init(databaseId);
    const store = await DatabaseAdrStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    const file = opened.find(o => o.knex === knex);
    if (file) file.store = store;
    await store.replaceEntityRecords({
      entityRef: payments.entityRef,
      records: [outbox, direct, keys],
      unchangedIds: [],
      problems: [],
      state: { entityRef: payments.entityRef, folderUrl: outbox.folderUrl, etag: 'e1', state: 'ok' },
    });
    await store.replaceEntityRecords({
      entityRef: ledger.entityRef,
      records: [journal],
      unchangedIds: [],
      problems: [
        {
          entityRef: ledger.entityRef,
          path: '0002-broken.md',
          url: 'file:///repo/ledger-service/docs/adr/0002-broken.md',
          severity: 'error',
          message: 'Front matter is not valid YAML',
        },
      ],
      state: { entityRef: ledger.entityRef, folderUrl: journal.folderUrl, etag: 'e2', state: 'ok' },
    });
    await store.resolveLinks();
    return { store, knex };
  }

  it('lists with filters, sorting and paging', async () => {
    const { store } = await createStore();
    const all = await store.list({});
    expect(all.totalCount).toBe(4);
    expect(all.items.map(i => i.date)).toEqual(['2025-06-01', '2024-03-02', '2024-01-10', '2023-11-20']);

    const accepted = await store.list({ status: ['accepted'], sort: 'number', order: 'asc' });
    expect(accepted.items.map(i => i.title)).toEqual([
      'Require idempotency keys',
      'Publish events through a transactional outbox',
    ]);
    expect((await store.list({ system: ['system:default/ledger'] })).items).toHaveLength(1);
    expect((await store.list({ owner: ['group:default/finance-team'] })).items[0].title).toBe(
      'Use a double-entry journal',
    );
    expect((await store.list({ tag: ['messaging'] })).totalCount).toBe(2);
    expect((await store.list({ tag: ['messaging', 'reliability'] })).totalCount).toBe(1);
    expect((await store.list({ from: '2024-01-01', to: '2024-12-31' })).totalCount).toBe(2);
    expect(
      (await store.list({ domain: ['domain:default/payments'], status: ['proposed'] })).items,
    ).toHaveLength(1);

    const page = await store.list({ sort: 'date', order: 'asc', limit: 2, offset: 2 });
    expect(page).toMatchObject({ totalCount: 4, limit: 2, offset: 2 });
    expect(page.items.map(i => i.date)).toEqual(['2024-03-02', '2025-06-01']);
  });

  it('searches titles, summaries, tags and bodies, by word prefix', async () => {
    const { store } = await createStore();
    expect((await store.list({ q: 'outbox' })).items.map(i => i.number)).toEqual([4]);
    expect((await store.list({ q: 'revers' })).items.map(i => i.entityRef)).toEqual([
      ledger.entityRef,
    ]);
    expect((await store.list({ q: 'reliability' })).totalCount).toBe(1);
    expect((await store.list({ q: 'events broker' })).items.map(i => i.number)).toEqual([4]);
    expect((await store.list({ q: 'nothing-like-this' })).totalCount).toBe(0);
    // Operators of FTS5 and tsquery are plain words here, never syntax
    expect((await store.list({ q: '"outbox" OR * NEAR( :* & !' })).totalCount).toBe(0);
    expect((await store.list({ q: '!!!' })).totalCount).toBe(0);
  });

  it('pages search results by relevance, with and without other filters', async () => {
    const { store } = await createStore();
    // "events" is in two payments records, both in the title and the text
    const all = await store.list({ q: 'events' });
    expect(all.totalCount).toBe(2);
    const ids = all.items.map(i => i.id);
    expect(new Set(ids)).toEqual(new Set([outbox.id, direct.id]));
    const pages = [
      ...(await store.list({ q: 'events', limit: 1, offset: 0 })).items,
      ...(await store.list({ q: 'events', limit: 1, offset: 1 })).items,
    ];
    expect(pages.map(i => i.id)).toEqual(ids);
    expect(await store.list({ q: 'events', limit: 1, offset: 2 })).toMatchObject({ items: [], totalCount: 2 });
    const accepted = await store.list({ q: 'events', status: ['accepted'], limit: 1 });
    expect(accepted).toMatchObject({ totalCount: 1, items: [{ id: outbox.id }] });
  });

  it('returns one record with resolved links in both directions', async () => {
    const { store } = await createStore();
    const detail = await store.get(outbox.id);
    expect(detail).toMatchObject({
      title: 'Publish events through a transactional outbox',
      status: 'accepted',
      tags: ['messaging', 'reliability'],
      links: [
        {
          type: 'supersedes',
          number: 2,
          targetId: direct.id,
          targetTitle: 'Publish events directly after commit',
          targetStatus: 'superseded',
        },
      ],
    });
    const old = await store.get(direct.id);
    expect(old?.links).toEqual([
      expect.objectContaining({ type: 'superseded-by', targetId: outbox.id }),
    ]);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('builds the supersedes graph without duplicate edges', async () => {
    const { store } = await createStore();
    const graph = await store.graph({ id: direct.id });
    expect(graph.nodes.map(n => n.id).sort()).toEqual([direct.id, outbox.id].sort());
    expect(graph.edges).toEqual([{ from: outbox.id, to: direct.id, type: 'supersedes' }]);
    const entityGraph = await store.graph({ entityRef: payments.entityRef });
    expect(entityGraph.nodes).toHaveLength(3);
  });

  it('counts by status, system, owner and tag, and lists problems', async () => {
    const { store } = await createStore();
    const stats = await store.stats();
    expect(stats.total).toBe(4);
    expect(stats.byStatus).toEqual([
      { value: 'accepted', count: 2 },
      { value: 'proposed', count: 1 },
      { value: 'superseded', count: 1 },
    ]);
    expect(stats.bySystem).toEqual([
      { value: 'system:default/payments', count: 3 },
      { value: 'system:default/ledger', count: 1 },
    ]);
    expect(stats.byTag[0]).toEqual({ value: 'messaging', count: 2 });
    expect(stats.problems).toBe(1);
    expect((await store.stats({ entityRef: ledger.entityRef })).total).toBe(1);
    expect(await store.problems({ entityRef: ledger.entityRef })).toEqual([
      expect.objectContaining({ severity: 'error', path: '0002-broken.md' }),
    ]);
  });

  it('replaces an entity: removed files leave the index, the other entities stay', async () => {
    const { store } = await createStore();
    const changed = { ...keys, contentHash: 'changed' };
    const result = await store.replaceEntityRecords({
      entityRef: payments.entityRef,
      records: [changed],
      unchangedIds: [outbox.id],
      problems: [],
      state: { entityRef: payments.entityRef, folderUrl: outbox.folderUrl, etag: 'e3', state: 'ok' },
    });
    expect(result).toEqual({ added: 0, updated: 1, removed: 1 });
    expect((await store.list({ entityRef: [payments.entityRef] })).totalCount).toBe(2);
    expect((await store.list({ q: 'directly' })).totalCount).toBe(0);
    expect((await store.list({ entityRef: [ledger.entityRef] })).totalCount).toBe(1);
    expect((await store.getEntityHashes(payments.entityRef)).get(keys.id)?.contentHash).toBe('changed');
  });

  it('keeps records when a folder fails, and drops entities that left the catalog', async () => {
    const { store } = await createStore();
    await store.recordEntityFailure(payments.entityRef, [
      {
        entityRef: payments.entityRef,
        path: null,
        url: outbox.folderUrl,
        severity: 'error',
        message: 'ADR folder does not exist',
      },
    ]);
    expect((await store.list({ entityRef: [payments.entityRef] })).totalCount).toBe(3);
    expect((await store.problems({ entityRef: payments.entityRef }))[0].message).toBe(
      'ADR folder does not exist',
    );
    expect(await store.retainEntities([payments.entityRef])).toBe(1);
    expect((await store.list({})).totalCount).toBe(3);
    expect(await store.problems({ entityRef: ledger.entityRef })).toEqual([]);
  });

  it('keeps the last refresh run', async () => {
    const { store } = await createStore();
    const run = {
      startedAt: '2026-11-25T10:00:00.000Z',
      finishedAt: '2026-11-25T10:00:01.000Z',
      entities: 2,
      records: 4,
      added: 4,
      updated: 0,
      removed: 0,
      problems: 1,
      durationMs: 1000,
    };
    await store.saveRefreshRun(run);
    expect(await store.lastRefreshRun()).toEqual(run);
    expect((await store.stats()).lastRefresh).toEqual(run);
  });
});

describe('DatabaseAdrStore lists on SQLite files, from a reader thread', () => {
  it('reads committed records while a write is in progress, and later commits after it', async () => {
    const knex = await init(SQLITE_FILE);
    const store = await DatabaseAdrStore.create({ getClient: async () => knex, migrations: { skip: false } });
    opened.find(o => o.knex === knex)!.store = store;
    const reader = (store as unknown as { reader?: { available: boolean } }).reader;
    expect(reader?.available).toBe(true);
    expect((await knex.raw('PRAGMA journal_mode'))[0]).toEqual({ journal_mode: 'wal' });

    await store.replaceEntityRecords({
      entityRef: payments.entityRef,
      records: [outbox, direct],
      unchangedIds: [],
      problems: [],
      state: { entityRef: payments.entityRef, folderUrl: outbox.folderUrl, etag: 'e1', state: 'ok' },
    });
    // A refresh holding the write lock (knex's one connection) does not stop the reader: it
    // answers with what was committed before
    const trx = await knex.transaction();
    await trx('adr_records').where({ id: direct.id }).delete();
    const during = await store.list({ entityRef: [payments.entityRef] });
    expect(during.totalCount).toBe(2);
    expect(during.items.map(i => i.id).sort()).toEqual([direct.id, outbox.id].sort());
    await trx.commit();
    const after = await store.list({ entityRef: [payments.entityRef] });
    expect(after.items.map(i => i.id)).toEqual([outbox.id]);
    expect(after.totalCount).toBe(1);
  });

  it('rejects a query SQLite refuses with its message, and keeps answering', async () => {
    const knex = await init(SQLITE_FILE);
    const store = await DatabaseAdrStore.create({ getClient: async () => knex, migrations: { skip: false } });
    opened.find(o => o.knex === knex)!.store = store;
    const reader = (store as unknown as { reader: { rows(q: Knex.QueryBuilder): Promise<unknown[]> } }).reader;
    await expect(reader.rows(knex('no_such_table').select('*'))).rejects.toThrow(/no such table: no_such_table/);
    expect((await store.list({})).totalCount).toBe(0);
  });
});
