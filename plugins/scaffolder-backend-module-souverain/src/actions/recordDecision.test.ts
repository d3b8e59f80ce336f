import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LocalFileUrlReader } from '@souverain/backend-module-local-files';
import { parseAdr } from '@souverain/plugin-adr-common';
import { AdrIndexService } from '@souverain/plugin-adr-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRecordDecisionAction, githubTarget, slugify } from './recordDecision';

let root: string;
let folder: string;

function component(name: string, location: string, adrLocation: string, kind = 'Component'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'backstage.io/adr-location': adrLocation,
      },
    },
    spec: {},
  };
}

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'adr-action-')));
  folder = path.join(root, 'repo/docs/adr');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, '0001-first.md'), '# First\n\nStatus: accepted\n');
  fs.writeFileSync(path.join(folder, '0007-seventh.md'), '# Seventh\n\nStatus: accepted\n');
  fs.writeFileSync(path.join(folder, 'README.md'), '# Decisions\n');
  fs.mkdirSync(path.join(root, 'elsewhere/docs/adr'), { recursive: true });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function setup(options: { localWrite?: boolean; reader?: any } = {}) {
  // The decision index as the action sees it: it only records which entities it was asked to re-read
  const refreshes: Array<{ entityRef?: string }> = [];
  const adrIndex = {
    async refresh(request: { entityRef?: string } = {}) {
      refreshes.push(request);
      return {} as Awaited<ReturnType<AdrIndexService['refresh']>>;
    },
  };
  const action = createRecordDecisionAction({
    catalog: catalogServiceMock({
      entities: [
        component('ledger', `file:${root}/repo/catalog-info.yaml`, 'docs/adr'),
        component('elsewhere', `file:${root}/elsewhere/catalog-info.yaml`, 'docs/adr'),
        component('contract', `file:${root}/repo/catalog-info.yaml`, 'docs/adr', 'API'),
        component(
          'on-github',
          'url:https://github.com/acme/ledger/blob/main/catalog-info.yaml',
          'docs/adr',
        ),
      ],
    }),
    reader: options.reader ?? new LocalFileUrlReader([path.join(root, 'repo'), path.join(root, 'elsewhere')]),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    config: new ConfigReader({
      souverain: {
        localFiles: { roots: [path.join(root, 'repo')] },
        adr: { recordDecisions: { localWrite: options.localWrite ?? true } },
      },
    }),
    adrIndex,
  });
  return { action, refreshes };
}

const input = {
  entityRef: 'component:default/ledger',
  title: 'Use PostgreSQL 16 for the ledger',
  status: 'accepted' as const,
  context: 'The ledger needs **serialisable** transactions.',
  options: ['PostgreSQL 16', 'A document store'],
  decision: 'PostgreSQL 16.',
  consequences: '',
  deciders: ['Camille Martin', 'x: y'],
  consulted: [],
  tags: ['database'],
  date: '2026-11-25',
};

describe('souverain:adr:record', () => {
  it('writes the next-numbered MADR record into a local ADR folder and re-indexes the entity', async () => {
    const { action, refreshes } = setup();
    const ctx = createMockActionContext({ input });
    await action.handler(ctx as any);

    const file = path.join(folder, '0008-use-postgresql-16-for-the-ledger.md');
    const parsed = parseAdr(fs.readFileSync(file, 'utf8'), { path: '0008-use-postgresql-16-for-the-ledger.md' });
    expect(parsed).toMatchObject({
      number: 8,
      title: 'Use PostgreSQL 16 for the ledger',
      status: 'accepted',
      date: '2026-11-25',
      deciders: ['Camille Martin', 'x: y'],
      tags: ['database'],
      format: 'madr-4',
      problems: [],
    });
    expect(parsed.sections.map(s => s.title)).toEqual([
      'Context and Problem Statement',
      'Considered Options',
      'Decision Outcome',
      'Consequences',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('mode', 'local');
    expect(ctx.output).toHaveBeenCalledWith('number', 8);
    expect(ctx.output).toHaveBeenCalledWith('viewUrl', expect.stringMatching(/^\/decisions\/[a-f0-9]{40}$/));
    expect(refreshes).toEqual([{ entityRef: 'component:default/ledger' }]);
  });

  it('keeps hostile titles as data: no path traversal, no template evaluation', async () => {
    const { action } = setup();
    await action.handler(
      createMockActionContext({
        input: { ...input, title: '../../etc/passwd ${{ secrets.token }} {{ x }}' },
      }) as any,
    );
    const written = fs.readdirSync(folder).filter(f => f.startsWith('0008'));
    expect(written).toEqual(['0008-etc-passwd-secrets-token-x.md']);
    const content = fs.readFileSync(path.join(folder, written[0]), 'utf8');
    expect(content).toContain('# ../../etc/passwd ${{ secrets.token }} {{ x }}');
    expect(fs.existsSync(path.join(root, 'etc'))).toBe(false);
  });

  it('refuses to write when local writing is off, and writes nothing', async () => {
    const { action } = setup({ localWrite: false });
    await expect(action.handler(createMockActionContext({ input }) as any)).rejects.toThrow(
      'Writing decisions into local folders is switched off (souverain.adr.recordDecisions.localWrite)',
    );
    expect(fs.readdirSync(folder).sort()).toEqual(['0001-first.md', '0007-seventh.md', 'README.md']);
  });

  it('refuses a folder outside the writable roots', async () => {
    const { action } = setup();
    await expect(
      action.handler(
        createMockActionContext({ input: { ...input, entityRef: 'component:default/elsewhere' } }) as any,
      ),
    ).rejects.toThrow('is outside the local folders this portal may write to');
    expect(fs.readdirSync(path.join(root, 'elsewhere/docs/adr'))).toEqual([]);
  });

  it('names a missing entity and a kind that has no decisions', async () => {
    const { action } = setup();
    await expect(
      action.handler(createMockActionContext({ input: { ...input, entityRef: 'component:default/nope' } }) as any),
    ).rejects.toThrow('No entity component:default/nope in the catalog');
    await expect(
      action.handler(createMockActionContext({ input: { ...input, entityRef: 'api:default/contract' } }) as any),
    ).rejects.toThrow('api:default/contract is a API; decisions are recorded on components, systems and domains');
  });

  it('writes nothing on a dry run', async () => {
    const { action, refreshes } = setup();
    // The mock context drops isDryRun, so set it on the context itself
    await action.handler({ ...createMockActionContext({ input }), isDryRun: true } as any);
    expect(fs.readdirSync(folder)).toHaveLength(3);
    expect(refreshes).toEqual([]);
  });

  it('prepares a pull request for a folder in a GitHub repository', async () => {
    const reader = { readTree: jest.fn().mockRejectedValue(new NotFoundError('no folder yet')) };
    const { action } = setup({ reader });
    const workspace = fs.mkdtempSync(path.join(root, 'ws-'));
    const ctx = createMockActionContext({
      input: { ...input, entityRef: 'component:default/on-github' },
      workspacePath: workspace,
    });
    await action.handler(ctx as any);
    expect(reader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/ledger/tree/main/docs/adr',
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('mode', 'pull-request');
    expect(ctx.output).toHaveBeenCalledWith('repoUrl', 'github.com?owner=acme&repo=ledger');
    expect(ctx.output).toHaveBeenCalledWith('targetPath', 'docs/adr');
    expect(
      fs.existsSync(path.join(workspace, 'decision-record/0001-use-postgresql-16-for-the-ledger.md')),
    ).toBe(true);
  });
});

describe('helpers', () => {
  it('slugifies titles into safe file names', () => {
    expect(slugify('Utiliser PostgreSQL pour le grand-livre !')).toBe('utiliser-postgresql-pour-le-grand-livre');
    expect(slugify('../..')).toBe('decision');
  });

  it('reads GitHub folder URLs', () => {
    expect(githubTarget('https://github.com/a/b/tree/main/docs/adr')).toEqual({
      repoUrl: 'github.com?owner=a&repo=b',
      targetPath: 'docs/adr',
      ref: 'main',
    });
    expect(githubTarget('https://gitlab.com/a/b/-/tree/main/docs')).toBeUndefined();
  });
});
