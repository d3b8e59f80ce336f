import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createAdrIndexService } from '@souverain/plugin-adr-node';
import git from 'isomorphic-git';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublishLocalAction } from './publishLocal';
import { createStampTemplateAction } from './stampTemplate';
import { createValidateServiceAction } from './validateService';

let tmp: string;
let workspacePath: string;
let repositories: string;
let outside: string;

beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'golden-actions-')));
  workspacePath = path.join(tmp, 'workspace');
  repositories = path.join(tmp, 'data/repositories');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(workspacePath, { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'do not copy me');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const entity = (kind: string, name: string, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});
const org = [
  entity('Group', 'payments-team', { type: 'team', children: [] }),
  entity('System', 'payments', { owner: 'group:default/payments-team' }),
  entity('Component', 'payments-api', { type: 'service', lifecycle: 'production', owner: 'payments-team' }),
];

const templateInfo = {
  entityRef: 'template:default/golden-api-service',
  entity: {
    metadata: { name: 'golden-api-service', annotations: { 'souverain.io/template-version': '1.2.0' } },
  },
};

const config = (overrides: object = {}) =>
  new ConfigReader({
    app: { baseUrl: 'http://portal.test' },
    souverain: {
      localFiles: { roots: [path.join(tmp, 'data')] },
      golden: { localPublish: { enabled: true, root: repositories } },
      ...overrides,
    },
  });

const parameters = {
  name: 'refunds-api',
  description: 'Refunds for card payments, on behalf of tenants',
  owner: 'group:default/payments-team',
  system: 'system:default/payments',
  tenant: 'acme',
  dataClassification: 'confidential',
  sloAvailability: 99.9,
  sloLatencyP95Ms: 300,
  costCenter: 'cc-payments',
  patterns: ['idempotency'],
  publishTo: 'local',
};

function logger() {
  const lines: string[] = [];
  const record = (m: unknown) => lines.push(String(m));
  return {
    lines,
    logger: { info: record, warn: record, error: record, debug: record, child: () => undefined } as any,
  };
}

describe('souverain:service:validate', () => {
  const adrFetch = jest.fn(
    async () =>
      new Response(
        JSON.stringify({
          items: [
            { id: 'a'.repeat(40), number: 1, title: 'Resource concierge', tags: ['security'] },
            { id: 'b'.repeat(40), number: 4, title: 'Model registry', tags: ['mlops'] },
          ],
          totalCount: 2,
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      ),
  );
  const action = (cfg = config()) =>
    createValidateServiceAction({
      catalog: catalogServiceMock({ entities: org }),
      config: cfg,
      auth: mockServices.auth(),
      adrIndex: createAdrIndexService({
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
        fetch: adrFetch as unknown as typeof fetch,
      }),
    });
  const run = (input: object, cfg?: ReturnType<typeof config>) => {
    const { lines, logger: log } = logger();
    const ctx = createMockActionContext({
      input: { variant: 'api', parameters, ...input } as any,
      workspacePath,
      templateInfo,
      logger: log,
    });
    return { promise: action(cfg).handler(ctx as any), ctx, lines };
  };

  it('returns the values the skeleton is rendered with, platform ADRs included', async () => {
    const { promise, ctx } = run({});
    await promise;
    const values = (ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'values')[1];
    expect(values).toMatchObject({
      name: 'refunds-api',
      ownerName: 'payments-team',
      systemName: 'payments',
      templateName: 'golden-api-service',
      templateVersion: '1.2.0',
      idempotency: true,
      outbox: false,
      featureFlags: false,
      repositoryUrl: `file://${repositories}/refunds-api`,
      platformAdrs: [
        { number: 1, title: 'Resource concierge', url: `http://portal.test/decisions/${'a'.repeat(40)}` },
      ],
    });
  });

  it.each([
    ['../../etc', 'no-path'],
    ['/etc/passwd', 'no-path'],
    ['Refunds-API', 'lowercase'],
    ['refunds api', 'no-spaces'],
    ['refunds;rm', 'no-shell-metacharacters'],
    ['${{ parameters.owner }}', 'no-template-syntax'],
    ['{{ 7*7 }}', 'no-template-syntax'],
  ])('rejects the name %p naming the rule %s', async (name, rule) => {
    const { promise, ctx } = run({ parameters: { ...parameters, name } });
    await expect(promise).rejects.toThrow(`"${rule}"`);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('rejects a name taken in the catalog or by a local repository', async () => {
    await expect(run({ parameters: { ...parameters, name: 'payments-api' } }).promise).rejects.toThrow(
      'The name "payments-api" is already taken: component:default/payments-api is in the catalog',
    );
    fs.mkdirSync(path.join(repositories, 'refunds-api'), { recursive: true });
    await expect(run({}).promise).rejects.toThrow('a local repository of that name exists');
  });

  it('rejects an owner or system that does not exist, or of the wrong kind', async () => {
    await expect(
      run({ parameters: { ...parameters, owner: 'group:default/nobody' } }).promise,
    ).rejects.toThrow('owner: group:default/nobody is not in the catalog');
    await expect(
      run({ parameters: { ...parameters, system: 'group:default/payments-team' } }).promise,
    ).rejects.toThrow('system: group:default/payments-team must be a system');
  });

  it('refuses a template without a version, and local publishing when it is off', async () => {
    const { logger: log } = logger();
    const ctx = createMockActionContext({
      input: { variant: 'api', parameters } as any,
      templateInfo: { entityRef: 'template:default/x', entity: { metadata: { name: 'x' } } },
      logger: log,
    });
    await expect(action().handler(ctx as any)).rejects.toThrow('souverain.io/template-version');
    await expect(
      run({}, config({ golden: { localPublish: { enabled: false } } })).promise,
    ).rejects.toThrow('switched off');
  });

  it('never repeats a secret, even when it is rejected', async () => {
    const secret = 'not a token; rm -rf /';
    const bad = run({ stagingDeployToken: secret });
    const error = await bad.promise.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain('the value is not shown');
    expect(error?.message).not.toContain(secret);
    const good = run({ stagingDeployToken: 'ghp_abcdefghijklmnop0123456789' });
    await good.promise;
    expect(good.lines.join('\n')).not.toContain('ghp_abcdefghijklmnop0123456789');
    const values = (good.ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'values')[1];
    expect(JSON.stringify(values)).not.toContain('ghp_abcdefghijklmnop0123456789');
    expect(values.hasStagingDeployToken).toBe(true);
  });
});

const catalogInfo = `# the service
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: refunds-api
  annotations:
    backstage.io/adr-location: docs/adr
spec:
  type: service
  lifecycle: experimental
  owner: group:default/payments-team
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: refunds-api-api
spec:
  type: openapi
  lifecycle: experimental
  owner: group:default/payments-team
  definition: openapi
`;

describe('souverain:template:stamp', () => {
  const stamp = (input: object = {}) =>
    createStampTemplateAction().handler(
      createMockActionContext({ input: input as any, workspacePath, templateInfo, logger: logger().logger }) as any,
    );

  it('stamps the template and version on the Component only, keeping comments', async () => {
    fs.writeFileSync(path.join(workspacePath, 'catalog-info.yaml'), catalogInfo);
    await stamp();
    const written = fs.readFileSync(path.join(workspacePath, 'catalog-info.yaml'), 'utf8');
    expect(written).toContain('# the service');
    expect(written).toContain('souverain.io/template: golden-api-service');
    expect(written).toContain('souverain.io/template-version: 1.2.0');
    expect(written.split('---')[1]).not.toContain('souverain.io/template');
  });

  it('refuses a path or a symlink that leads out of the workspace, leaving the target untouched', async () => {
    await expect(stamp({ path: '../outside/secret.txt' })).rejects.toThrow('outside the task workspace');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(workspacePath, 'catalog-info.yaml'));
    await expect(stamp()).rejects.toThrow(/outside the task workspace/);
    fs.rmSync(path.join(workspacePath, 'catalog-info.yaml'));
    fs.symlinkSync(outside, path.join(workspacePath, 'linked'));
    await expect(stamp({ path: 'linked/secret.txt' })).rejects.toThrow(/outside the task workspace/);
    expect(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('do not copy me');
  });
});

describe('souverain:publish:local', () => {
  function setup(options: { appears?: boolean; valid?: boolean } = {}) {
    const catalog = catalogServiceMock.mock({
      validateEntity: jest.fn(async () =>
        options.valid === false
          ? { valid: false as const, errors: [{ name: 'InputError', message: 'spec.owner is missing' }] }
          : { valid: true as const },
      ),
      addLocation: jest.fn(async () => ({
        location: { id: 'loc-1', type: 'url', target: 'x' },
        entities: [],
      })) as any,
      removeLocationById: jest.fn(async () => undefined),
      getEntityByRef: jest.fn(async () => (options.appears === false ? undefined : org[2])),
    });
    const action = createPublishLocalAction({
      catalog,
      config: config(),
      auth: mockServices.auth(),
      registrationTimeoutMs: 300,
    });
    const { lines, logger: log } = logger();
    const run = (isDryRun = false) =>
      action.handler({
        // The mock context does not take isDryRun; the task runner sets it
        ...createMockActionContext({
          input: { name: 'refunds-api', entityRef: 'component:default/refunds-api' } as any,
          workspacePath,
          templateInfo,
          logger: log,
        }),
        isDryRun,
      } as any);
    return { catalog, run, lines };
  }
  const writeWorkspace = () => {
    fs.writeFileSync(path.join(workspacePath, 'catalog-info.yaml'), catalogInfo);
    fs.mkdirSync(path.join(workspacePath, 'src/core'), { recursive: true });
    fs.writeFileSync(path.join(workspacePath, 'src/core/refund.ts'), 'export const x = 1;\n');
  };
  const published = () => fs.readdirSync(repositories).filter(name => name !== '.staging');

  it('publishes a git repository with one commit and registers it', async () => {
    writeWorkspace();
    const { catalog, run } = setup();
    await run();
    const dir = path.join(repositories, 'refunds-api');
    expect(fs.readFileSync(path.join(dir, 'src/core/refund.ts'), 'utf8')).toContain('export const x');
    const log = await git.log({ fs, dir });
    expect(log).toHaveLength(1);
    expect(await git.listFiles({ fs, dir })).toEqual(['catalog-info.yaml', 'src/core/refund.ts']);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'url', target: `file://${dir}/catalog-info.yaml` },
      expect.anything(),
    );
  });

  it('writes and registers nothing in a dry run', async () => {
    writeWorkspace();
    const { catalog, run, lines } = setup();
    await run(true);
    expect(published()).toEqual([]);
    expect(catalog.addLocation).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain('Dry run: would publish 2 files');
  });

  it('publishes nothing when a symlink in the workspace leads outside it', async () => {
    writeWorkspace();
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(workspacePath, 'src/leak.txt'));
    const { catalog, run } = setup();
    await expect(run()).rejects.toThrow('"src/leak.txt" is a symbolic link that leads outside the workspace');
    expect(published()).toEqual([]);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('writes nothing when the catalog file is not a valid entity', async () => {
    writeWorkspace();
    const { catalog, run } = setup({ valid: false });
    await expect(run()).rejects.toThrow('spec.owner is missing');
    expect(published()).toEqual([]);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('removes the location and the repository when the entity never appears', async () => {
    writeWorkspace();
    const { catalog, run, lines } = setup({ appears: false });
    await expect(run()).rejects.toThrow('Nothing was kept');
    expect(catalog.removeLocationById).toHaveBeenCalledWith('loc-1', expect.anything());
    expect(published()).toEqual([]);
    expect(fs.readdirSync(path.join(repositories, '.staging'))).toEqual([]);
    expect(lines.join('\n')).toContain('removing the location and the repository');
  });

  it('refuses to overwrite an existing repository', async () => {
    writeWorkspace();
    fs.mkdirSync(path.join(repositories, 'refunds-api'), { recursive: true });
    fs.writeFileSync(path.join(repositories, 'refunds-api/KEEP'), 'mine');
    const { run } = setup();
    await expect(run()).rejects.toThrow('already exists');
    expect(fs.readFileSync(path.join(repositories, 'refunds-api/KEEP'), 'utf8')).toBe('mine');
  });
});
