import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseAdrStore } from '../database/DatabaseAdrStore';
import { LocalFileUrlReader } from '@souverain/backend-module-local-files';
import { AdrIndexer } from './AdrIndexer';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const adr = (title: string, status = 'accepted', extra = '') =>
  `---\nstatus: ${status}\ndate: 2025-01-15\ntags: [demo]\n${extra}---\n# ${title}\n\n## Context and Problem Statement\n\nWhy ${title.toLowerCase()}.\n`;

function write(file: string, content: string | Buffer) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function entity(
  root: string,
  name: string,
  adrLocation: string,
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${root}/repo/${name}.yaml`,
        'backstage.io/managed-by-origin-location': `file:${root}/repo/all.yaml`,
        'backstage.io/adr-location': adrLocation,
      },
    },
    spec: { owner: 'group:default/team-a', type: 'service', lifecycle: 'production' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'system:default/shop' },
    ],
  };
}

describe.each(databases.eachSupportedId())('AdrIndexer on %p', databaseId => {
  let root: string;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'adr-indexer-')));
    const good = path.join(root, 'repo/adr/good');
    write(path.join(good, '0001-use-postgres.md'), adr('Use PostgreSQL'));
    write(path.join(good, '0002-use-rabbitmq.md'), adr('Use RabbitMQ', 'superseded by ADR-0003'));
    write(path.join(good, '0003-use-an-outbox.md'), adr('Use an outbox', 'accepted', 'supersedes: [ADR-0002]\n'));
    write(path.join(good, 'README.md'), '# Index of decisions\n');
    write(path.join(good, 'template.md'), '# {short title}\n');

    const bad = path.join(root, 'repo/adr/bad');
    write(path.join(bad, '0001-fine.md'), adr('A fine decision'));
    write(path.join(bad, '0002-not-yaml.md'), '---\nstatus: [accepted\n---\n# Broken front matter\n\nText.\n');
    write(path.join(bad, '0003-empty.md'), '');
    write(path.join(bad, '0004-binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff]));
    write(path.join(bad, '0005-huge.md'), `# Huge\n\n${'x'.repeat(5 * 1024 * 1024)}`);
    write(
      path.join(bad, '0006-evil.md'),
      `${adr('Evil')}\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n`,
    );
    fs.mkdirSync(path.join(root, 'outside'));
    write(path.join(root, 'outside/0001-secret.md'), adr('Secret outside the repository'));
    fs.symlinkSync(path.join(root, 'outside/0001-secret.md'), path.join(bad, '0007-link.md'));
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function setup(entities: Entity[]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseAdrStore.create({ getClient: async () => knex });
    const catalog = catalogServiceMock({
      entities: [
        ...entities,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'shop', namespace: 'default' },
          spec: { owner: 'group:default/team-a', domain: 'domain:default/commerce' },
          relations: [{ type: 'partOf', targetRef: 'domain:default/commerce' }],
        },
      ],
    });
    const indexer = new AdrIndexer({
      store,
      catalog,
      auth: mockServices.auth(),
      reader: new LocalFileUrlReader([path.join(root, 'repo')]),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      logger: mockServices.logger.mock(),
    });
    return { store, indexer, catalog };
  }

  it('indexes every ADR folder, ignores README and templates, resolves supersedes', async () => {
    const { store, indexer } = await setup([entity(root, 'shop-api', '../repo/adr/good')]);
    const summary = await indexer.refreshAll();
    expect(summary).toMatchObject({ entities: 1, records: 3, added: 3, removed: 0, problems: 0 });
    const list = await store.list({ sort: 'number', order: 'asc' });
    expect(list.items.map(i => [i.number, i.title, i.status])).toEqual([
      [1, 'Use PostgreSQL', 'accepted'],
      [2, 'Use RabbitMQ', 'superseded'],
      [3, 'Use an outbox', 'accepted'],
    ]);
    expect(list.items[0]).toMatchObject({
      entityRef: 'component:default/shop-api',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      domain: 'domain:default/commerce',
    });
    const old = await store.get(list.items[1].id);
    expect(old?.links).toEqual([
      expect.objectContaining({ type: 'superseded-by', targetId: list.items[2].id }),
    ]);
  });

  it('skips an unchanged folder and picks up added, changed and removed files', async () => {
    const { store, indexer } = await setup([entity(root, 'shop-api', '../repo/adr/good')]);
    await indexer.refreshAll();
    expect(await indexer.refreshAll()).toMatchObject({ added: 0, updated: 0, removed: 0 });

    const folder = path.join(root, 'repo/adr/good');
    fs.rmSync(path.join(folder, '0001-use-postgres.md'));
    write(path.join(folder, '0003-use-an-outbox.md'), adr('Use a transactional outbox'));
    write(path.join(folder, '0004-use-sagas.md'), adr('Use sagas'));
    expect(await indexer.refreshAll()).toMatchObject({ added: 1, updated: 1, removed: 1, records: 3 });
    const titles = (await store.list({ sort: 'number', order: 'asc' })).items.map(i => i.title);
    expect(titles).toEqual(['Use RabbitMQ', 'Use a transactional outbox', 'Use sagas']);
  });

  it('turns every bad file into a problem and keeps the good ones', async () => {
    const { store, indexer } = await setup([entity(root, 'shop-api', '../repo/adr/bad')]);
    await indexer.refreshAll();
    const titles = (await store.list({ sort: 'number', order: 'asc' })).items.map(i => i.title);
    // Broken front matter still gives a record (body readable); empty, binary and huge do not
    expect(titles).toEqual(['A fine decision', 'Broken front matter', 'Evil']);
    const problems = await store.problems({ entityRef: 'component:default/shop-api' });
    const byFile = (file: string) =>
      problems.filter(p => p.path === file).map(p => `${p.severity}: ${p.message}`);
    expect(byFile('0002-not-yaml.md')[0]).toMatch(/^error: Line 2: Front matter is not valid YAML/);
    expect(byFile('0003-empty.md')).toEqual(['error: File is empty']);
    expect(byFile('0004-binary.md')).toEqual([
      'error: File is binary, not markdown text; it was not parsed',
    ]);
    expect(byFile('0005-huge.md')).toEqual([
      'error: File is 5.0 MB, over the 1.0 MB limit for a decision record; it was not parsed',
    ]);
    expect(byFile('0006-evil.md')).toEqual([
      expect.stringContaining('<script> tag; it is shown as text and never run'),
      expect.stringContaining('"javascript:alert(1)" uses an unsafe scheme'),
    ]);
    // The symlink to a file outside the repository is never followed
    expect(problems.some(p => p.path === '0007-link.md')).toBe(false);
    expect((await store.list({ q: 'secret' })).totalCount).toBe(0);
  });

  it('rejects a location outside the repository and a missing folder, and indexes the rest', async () => {
    const { store, indexer } = await setup([
      entity(root, 'shop-api', '../repo/adr/good'),
      entity(root, 'escaper', '../../etc'),
      entity(root, 'absolute', '/etc'),
      entity(root, 'missing', '../repo/adr/nothing-here'),
    ]);
    const summary = await indexer.refreshAll();
    expect(summary).toMatchObject({ entities: 4, records: 3, problems: 3 });
    const problems = await store.problems();
    expect(problems.map(p => [p.entityRef, p.message])).toEqual([
      [
        'component:default/absolute',
        'backstage.io/adr-location "/etc" is an absolute path; write it relative to the entity\'s file',
      ],
      [
        'component:default/escaper',
        `backstage.io/adr-location "../../etc" points outside the entity's repository (${root}/repo)`,
      ],
      [
        'component:default/missing',
        expect.stringMatching(/^ADR folder file:\/\/.*\/repo\/adr\/nothing-here does not exist/),
      ],
    ]);
  });

  it('keeps what it had when a folder disappears, and drops entities that leave the catalog', async () => {
    const shop = entity(root, 'shop-api', '../repo/adr/good');
    const other = entity(root, 'other', '../repo/adr/bad');
    const { store, indexer, catalog } = await setup([shop, other]);
    await indexer.refreshAll();
    expect((await store.list({ entityRef: ['component:default/shop-api'] })).totalCount).toBe(3);

    fs.renameSync(path.join(root, 'repo/adr/good'), path.join(root, 'repo/adr/moved'));
    await indexer.refreshAll();
    expect((await store.list({ entityRef: ['component:default/shop-api'] })).totalCount).toBe(3);
    expect((await store.problems({ entityRef: 'component:default/shop-api' }))[0].message).toMatch(
      /does not exist .*; the 3 records indexed before are kept$/,
    );

    jest.spyOn(catalog, 'getEntities').mockResolvedValue({ items: [other] });
    const summary = await indexer.refreshAll();
    expect(summary.removed).toBe(3);
    expect((await store.list({})).items.every(i => i.entityRef === 'component:default/other')).toBe(true);
    expect(await store.problems({ entityRef: 'component:default/shop-api' })).toEqual([]);
  });

  it('refreshes one entity on demand and says when it has no ADR folder', async () => {
    const { store, indexer } = await setup([entity(root, 'shop-api', '../repo/adr/good')]);
    const summary = await indexer.refreshEntity('component:default/shop-api');
    expect(summary).toMatchObject({ entities: 1, added: 3, records: 3 });
    expect((await store.list({})).totalCount).toBe(3);
    await expect(indexer.refreshEntity('component:default/nobody')).rejects.toThrow(
      'No entity component:default/nobody in the catalog',
    );
  });
});
