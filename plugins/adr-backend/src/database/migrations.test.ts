import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { Knex } from 'knex';
import { searchRowid } from './adrRecordRows';

jest.setTimeout(60_000);

const directory = resolvePackagePath('@souverain/plugin-adr-backend', 'migrations');
const migrations = fs.readdirSync(directory).filter(f => f.endsWith('.js')).sort();

const up = (knex: Knex) => knex.migrate.up({ directory });
const down = (knex: Knex) => knex.migrate.down({ directory });

async function upTo(knex: Knex, name: string) {
  const index = migrations.indexOf(name);
  if (index < 0) throw new Error(`No migration ${name}`);
  for (let i = 0; i < index; i += 1) await up(knex);
}

const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';
const ID = 'paymentsapi0004useanoutboxmd';
const OLD = 'paymentsapi0002publishdirectlymd';

/** Two records (one dated, one not), a tag, a link between them, a problem, a folder and a run. */
async function seed(knex: Knex) {
  const record = (id: string, title: string, date: string | null) => ({
    id,
    entity_ref: 'component:default/payments-api',
    entity_kind: 'Component',
    path: `${id}.md`,
    number: id === ID ? 4 : 2,
    title,
    format: 'madr',
    status: 'accepted',
    date,
    deciders: '[]',
    consulted: '[]',
    informed: '[]',
    tags: '["messaging"]',
    links: '[]',
    sections: '[]',
    summary: 'Dual writes lose events',
    body: `# ${title}\n\nÉvénements publiés après le commit.`,
    problems: '[]',
    url: `file:///repo/docs/adr/${id}.md`,
    folder_url: 'file:///repo/docs/adr',
    content_hash: 'h',
    search_meta: 'messaging ADR-0004',
    search_rowid: searchRowid(id),
    indexed_at: '2026-12-01T10:00:00.000Z',
  });
  const rows = [record(ID, 'Publish through an outbox', '2025-06-01'), record(OLD, 'Publish directly', null)];
  await knex('adr_records').insert(rows);
  if (!isPostgres(knex)) {
    await knex('adr_records_fts').insert(
      rows.map(r => ({ rowid: r.search_rowid, title: r.title, summary: r.summary, meta: r.search_meta, body: r.body })),
    );
  }
  await knex('adr_tags').insert([{ record_id: ID, tag: 'messaging' }]);
  await knex('adr_links').insert([{ from_id: ID, type: 'supersedes', target: 'ADR-0002', number: 2, to_id: OLD }]);
  await knex('adr_problems').insert({
    entity_ref: 'component:default/ledger',
    severity: 'error',
    message: 'Front matter is not valid YAML',
    detected_at: '2026-12-01T10:00:00.000Z',
  });
  await knex('adr_entities').insert({ entity_ref: 'component:default/payments-api', refreshed_at: '2026-12-01T10:00:00.000Z', state: 'ok' });
  await knex('adr_refresh_runs').insert({ started_at: 'a', finished_at: 'b', summary: '{"records":2}' });
}

/** Record ids matching a word, through the database's own full-text search. */
async function search(knex: Knex, word: string): Promise<string[]> {
  if (isPostgres(knex)) {
    return knex('adr_records').whereRaw(`search_vector @@ to_tsquery('simple', ?)`, [`${word}:*`]).orderBy('id').pluck('id');
  }
  return knex('adr_records')
    .whereIn('search_rowid', knex('adr_records_fts').select('rowid').whereRaw('adr_records_fts MATCH ?', [`"${word}"*`]))
    .orderBy('id')
    .pluck('id');
}

async function expectSeedIntact(knex: Knex) {
  expect(await knex('adr_records').orderBy('id').pluck('id')).toEqual([OLD, ID].sort());
  expect(await search(knex, 'outbox')).toEqual([ID]);
  expect(await search(knex, 'commit')).toEqual([OLD, ID].sort());
  expect(await knex('adr_tags').select('record_id', 'tag')).toEqual([{ record_id: ID, tag: 'messaging' }]);
  expect(await knex('adr_links').select('from_id', 'to_id')).toEqual([{ from_id: ID, to_id: OLD }]);
  expect(await knex('adr_problems').pluck('message')).toEqual(['Front matter is not valid YAML']);
  expect(await knex('adr_entities').pluck('entity_ref')).toEqual(['component:default/payments-api']);
  expect(await knex('adr_refresh_runs').pluck('summary')).toEqual(['{"records":2}']);
}

async function hasIndex(knex: Knex, name: string): Promise<boolean> {
  const rows = isPostgres(knex)
    ? (await knex.raw('SELECT indexname FROM pg_indexes WHERE indexname = ?', [name])).rows
    : await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?`, [name]);
  return rows.length === 1;
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('the decision index migrations on %p', databaseId => {
  it('20261125100000_init.js creates the index with its full-text search, and drops it', async () => {
    const knex = await databases.init(databaseId);
    await upTo(knex, '20261125100000_init.js');
    await up(knex);
    await seed(knex);
    await expectSeedIntact(knex);

    await down(knex);
    for (const table of ['adr_records', 'adr_tags', 'adr_links', 'adr_problems', 'adr_entities', 'adr_refresh_runs', 'adr_records_fts']) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
  });

  it('20261202120000_date_sort_index.js indexes the list order over existing records, and goes back', async () => {
    const knex = await databases.init(databaseId);
    await upTo(knex, '20261202120000_date_sort_index.js');
    await seed(knex);

    await up(knex);
    await expectSeedIntact(knex);
    expect(await hasIndex(knex, 'adr_records_date_sort_idx')).toBe(true);
    // The order the index serves: dated records newest first, undated last
    const page = await knex('adr_records')
      .orderByRaw('(CASE WHEN date IS NULL THEN 1 ELSE 0 END), date DESC, entity_ref, number, id')
      .pluck('id');
    expect(page).toEqual([ID, OLD]);

    await down(knex);
    await expectSeedIntact(knex);
    expect(await hasIndex(knex, 'adr_records_date_sort_idx')).toBe(false);
  });

  it('goes all the way up, down to nothing and up again', async () => {
    const knex = await databases.init(databaseId);
    for (let i = 0; i < migrations.length; i += 1) await up(knex);
    expect(await knex.migrate.currentVersion({ directory })).toBe(migrations[migrations.length - 1].split('_')[0]);
    await seed(knex);
    for (let i = 0; i < migrations.length; i += 1) await down(knex);
    expect(await knex.migrate.currentVersion({ directory })).toBe('none');
    expect(await knex.schema.hasTable('adr_records')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(Number((await knex('adr_records').count({ n: '*' }).first())?.n)).toBe(0);
  });
});
