// Golden services end to end on a real backend: each template is run through the scaffolder's
// API, the new component lands in the catalog, and the repository it created installs and
// passes its own tests, holds a valid catalog file and a valid GitHub Actions workflow.
// Bad names, taken names, a restricted template and secrets are checked on the same backend.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire, register } from 'node:module';
import YAML from 'yaml';
import {
  catalogEntities,
  dropTestDatabases,
  eventually,
  fetchRetry,
  guestToken,
  postgresEnv,
  root,
  startBackend,
} from '../lib/backend.mjs';
import { createTask, serviceValues, waitForTask } from '../lib/scaffolder.mjs';

const require = createRequire(path.join(root, 'packages/backend/package.json'));
// GitHub's own workflow parser; it imports JSON without an import attribute, hence the hook
register('../lib/json-import-hook.mjs', import.meta.url);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');
const catalogModel = require('@backstage/catalog-model');
const PORT = 7108;
const SECRET = 'stg_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** Everything @backstage/catalog-model checks before the catalog accepts an entity. */
async function assertValidEntities(file) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
  const policy = catalogModel.EntityPolicies.allOf([
    new catalogModel.DefaultNamespaceEntityPolicy(),
    new catalogModel.NoForeignRootFieldsEntityPolicy(),
    new catalogModel.FieldFormatEntityPolicy(),
    new catalogModel.SchemaValidEntityPolicy(),
  ]);
  const validators = {
    Component: catalogModel.componentEntityV1alpha1Validator,
    API: catalogModel.apiEntityV1alpha1Validator,
  };
  assert.deepEqual(documents.map(d => d.kind).sort(), ['API', 'Component']);
  for (const entity of documents) {
    // As the catalog does: $text placeholders are replaced by the file they name
    const definition = entity.spec?.definition;
    if (definition && typeof definition === 'object' && '$text' in definition) {
      entity.spec.definition = fs.readFileSync(path.resolve(path.dirname(file), definition.$text), 'utf8');
    }
    assert.ok(await policy.enforce(entity), `${entity.metadata?.name} passes the entity policies`);
    assert.ok(await validators[entity.kind].check(entity), `${entity.metadata?.name} is a valid ${entity.kind}`);
  }
  return documents;
}

/** The workflow is parsed and converted the way GitHub Actions does; no error may remain. */
function assertValidWorkflow(file) {
  const trace = new NoOperationTraceWriter();
  const parsed = parseWorkflow({ name: path.basename(file), content: fs.readFileSync(file, 'utf8') }, trace);
  assert.deepEqual(parsed.context.errors.getErrors().map(e => e.message), [], `${file} parses`);
  return convertWorkflowTemplate(parsed.context, parsed.value).then(template => {
    assert.deepEqual((template.errors ?? []).map(e => e.Message ?? e.message), [], `${file} converts`);
    assert.ok(template.jobs.length >= 2, 'the workflow has jobs for gate 1 and gate 2');
    return template;
  });
}

/** Runs the generated service's own install and tests, as its developer would. */
function runOwnTests(dir) {
  const started = Date.now();
  const env = { ...process.env, CI: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  for (const args of [['ci', '--no-audit', '--no-fund'], ['test']]) {
    try {
      execFileSync('npm', args, { cwd: dir, env, stdio: 'pipe', timeout: 300_000 });
    } catch (error) {
      assert.fail(`npm ${args[0]} failed in the generated service:\n${String(error.stdout).slice(-3000)}\n${String(error.stderr).slice(-3000)}`);
    }
  }
  return Date.now() - started;
}

function filesBelow(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter(f => !String(f).split(path.sep).includes('node_modules') && !String(f).startsWith('.git'));
}

/**
 * Creates a service from a template and checks the journey's promises: task log, catalog
 * entity with owner, system, annotations and links, a git repository that passes its tests.
 */
async function createAndCheck(ctx, { template, values, secrets, variant }) {
  const { baseUrl, token, reposDir } = ctx;
  const started = Date.now();
  const created = await createTask(baseUrl, token, { templateRef: `template:default/${template}`, values, secrets });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { task, log } = await waitForTask(baseUrl, token, created.body.id);
  assert.equal(task.status, 'completed', log);
  const elapsed = Date.now() - started;
  assert.match(log, /is free; owner group:default\/payments-team|is free; owner group:default\/fraud-ml-team/);
  assert.match(log, new RegExp(`component:default/${values.name} is in the catalog`));

  const [entity] = await catalogEntities(baseUrl, token, `kind=component,metadata.name=${values.name}`);
  assert.ok(entity, 'the new component is in the catalog');
  assert.equal(entity.spec.owner, values.owner);
  assert.equal(entity.spec.system, values.system);
  const annotations = entity.metadata.annotations;
  assert.equal(annotations['souverain.io/template'], template);
  assert.match(annotations['souverain.io/template-version'], /^\d+\.\d+\.\d+$/);
  assert.equal(annotations['souverain.io/tenant'], values.tenant);
  assert.equal(annotations['souverain.io/cost-center'], values.costCenter);
  assert.equal(annotations['souverain.io/data-classification'], values.dataClassification);
  assert.equal(annotations['souverain.io/gates-policy'], variant === 'ml' ? 'ml' : 'standard');
  assert.equal(annotations['backstage.io/adr-location'], 'docs/adr');
  assert.ok(annotations['souverain.io/slo-location'], 'an SLO location');
  assert.ok((entity.metadata.links ?? []).length >= 2, 'links to the repository and the runbook');
  assert.ok(
    entity.relations.some(r => r.type === 'ownedBy' && r.targetRef === values.owner),
    'owned by its team',
  );

  // Its first decision record is in the decision index when the task ends
  const adr = await fetchRetry(`${baseUrl}/api/adr/records?entityRef=component:default/${values.name}`, {
    headers: { Authorization: `Bearer ${token}` },
  }).then(r => r.json());
  assert.equal(adr.totalCount, 1, JSON.stringify(adr));
  assert.equal(adr.items[0].title, `Build ${values.name} on the golden service template`);
  assert.equal(adr.items[0].status, 'accepted');

  const dir = path.join(reposDir, values.name);
  assert.ok(fs.existsSync(path.join(dir, '.git')), 'a git repository');
  for (const file of ['README.md', 'Dockerfile', '.github/CODEOWNERS', 'openapi.yaml', 'docs/runbook.md', '.github/workflows/ci.yaml']) {
    assert.ok(fs.existsSync(path.join(dir, file)), `${file} in the repository`);
  }
  assert.ok(fs.readdirSync(path.join(dir, 'docs/adr')).some(f => /^0001-.*\.md$/.test(f)), 'a first ADR');
  await assertValidEntities(path.join(dir, 'catalog-info.yaml'));
  await assertValidWorkflow(path.join(dir, '.github/workflows/ci.yaml'));
  const testMs = runOwnTests(dir);
  return { entity, dir, elapsed, testMs, log };
}

function goldenBackend({ configs, env = {}, name, templates }) {
  const ctx = {};
  before(async () => {
    ctx.reposDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `souverain-repos-${name}-`)));
    ctx.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `souverain-golden-${name}-`));
    ctx.backend = await startBackend({
      port: PORT,
      configs,
      env: { SOUVERAIN_TEST_DATA_DIR: ctx.dataDir, SOUVERAIN_TEST_REPOS_DIR: ctx.reposDir, ...env },
    });
    ctx.baseUrl = ctx.backend.baseUrl;
    // The templates, the demo org and the platform decisions are in before anything is created
    await eventually(
      async () => {
        // A new token each time: it carries the user's groups only once the org is ingested
        ctx.token = await guestToken(ctx.baseUrl);
        const names = (await catalogEntities(ctx.baseUrl, ctx.token, 'kind=template')).map(t => t.metadata.name);
        const systems = await catalogEntities(ctx.baseUrl, ctx.token, 'kind=system');
        const adr = await fetchRetry(`${ctx.baseUrl}/api/adr/stats`, { headers: { Authorization: `Bearer ${ctx.token}` } });
        const indexed = adr.ok && (await adr.json()).total >= 24;
        return templates.every(t => names.includes(t)) && systems.length >= 6 && indexed;
      },
      { what: `the templates ${templates.join(', ')}, the demo systems and the platform decisions` },
    );
  });
  after(async () => {
    await ctx.backend?.stop();
    for (const dir of [ctx.dataDir, ctx.reposDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}

describe('golden services on SQLite, as a developer of the payments team', () => {
  const ctx = goldenBackend({
    name: 'sqlite',
    templates: ['golden-api-service', 'golden-fullstack-service'],
    configs: [
      'app-config.yaml',
      'e2e/fixtures/app-config.backend-test.yaml',
      'e2e/fixtures/app-config.sqlite-test.yaml',
      'e2e/fixtures/app-config.golden-test.yaml',
    ],
  });

  it('golden-api-service: refunds-api is created, registered, and passes its own tests; the secret is nowhere', async () => {
    const description = 'Refunds ${{ secrets.stagingDeployToken }} {{ 7*7 }} "quoted": kept as text';
    const { entity, dir, elapsed, testMs, log } = await createAndCheck(ctx, {
      template: 'golden-api-service',
      variant: 'api',
      values: serviceValues({ description, patterns: ['feature-flags', 'outbox', 'idempotency'] }),
      secrets: { stagingDeployToken: SECRET },
    });
    console.log(`# golden-api-service: created and registered in ${elapsed} ms; npm ci + npm test ${testMs} ms`);
    // Template syntax in a value is data, never evaluated
    assert.equal(entity.metadata.description, description);
    assert.ok(!log.includes(SECRET), 'the secret is not in the task log');
    for (const file of filesBelow(dir)) {
      const full = path.join(dir, file);
      if (fs.statSync(full).isFile()) {
        assert.ok(!fs.readFileSync(full, 'utf8').includes(SECRET), `the secret is not in ${file}`);
      }
    }
    // Its first ADR links the platform decisions that apply
    const adr = fs.readdirSync(path.join(dir, 'docs/adr')).find(f => f.startsWith('0001-'));
    assert.match(fs.readFileSync(path.join(dir, 'docs/adr', adr), 'utf8'), /http:\/\/localhost:3108\/decisions\/[a-f0-9]{40}/);
  });

  it('golden-fullstack-service: refunds-web is created with its front end and passes its own tests', async () => {
    const { dir, elapsed, testMs } = await createAndCheck(ctx, {
      template: 'golden-fullstack-service',
      variant: 'fullstack',
      values: serviceValues({ name: 'refunds-web', description: 'Refunds back office: API and React front end' }),
    });
    console.log(`# golden-fullstack-service: created and registered in ${elapsed} ms; npm ci + npm test ${testMs} ms`);
    assert.ok(fs.existsSync(path.join(dir, 'web')), 'a web/ front end');
  });

  it('publishes to GitHub for real users: the GitHub branch of the template runs (dry run)', async () => {
    // The template as the catalog holds it ($yaml resolved), and its files, as the editor sends them
    const [template] = await catalogEntities(ctx.baseUrl, ctx.token, 'kind=template,metadata.name=golden-api-service');
    const folder = path.join(root, 'templates/golden');
    const directoryContents = fs
      .readdirSync(folder, { recursive: true })
      .map(String)
      .filter(f => fs.statSync(path.join(folder, f)).isFile())
      .map(f => ({ path: f, base64Content: fs.readFileSync(path.join(folder, f)).toString('base64') }));
    const res = await fetchRetry(`${ctx.baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ctx.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        template,
        values: serviceValues({ name: 'refunds-gh', publishTo: 'github', repoUrl: 'github.com?owner=acme&repo=refunds-gh' }),
        directoryContents,
      }),
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body).slice(0, 2000));
    const log = body.log.map(l => `${l.body.stepId ?? '-'} ${l.body.message}`).join('\n');
    assert.match(log, /publish-local Skipping step publish-local because its if condition was false/);
    assert.match(log, /publish-github Beginning step Publish to GitHub/);
    assert.match(log, /register-github Beginning step Register in the catalog/);
    assert.doesNotMatch(log, /status: failed/);
    // The repository it would push holds the stamped catalog file and the CI workflow
    const files = body.directoryContents.map(f => f.path);
    assert.ok(files.includes('catalog-info.yaml') && files.includes('.github/workflows/ci.yaml'), files.join(', '));
    const catalogInfo = Buffer.from(body.directoryContents.find(f => f.path === 'catalog-info.yaml').base64Content, 'base64').toString();
    assert.match(catalogInfo, /souverain\.io\/template: golden-api-service/);
    assert.match(catalogInfo, /https:\/\/github\.com\/acme\/refunds-gh\/blob\/main\/docs\/runbook\.md/);
    assert.ok(!fs.existsSync(path.join(ctx.reposDir, 'refunds-gh')), 'nothing published locally');
  });

  it('rejects bad names with the rule they break, before anything is written', async () => {
    const cases = [
      ['../../etc/evil', 'no-path'],
      ['/tmp/evil', 'no-path'],
      ['Refunds-API', 'lowercase'],
      ['refunds api', 'no-spaces'],
      ['refunds;touch-pwned', 'no-shell-metacharacters'],
      ['$(id)', 'no-shell-metacharacters'],
      ['$(touch pwned)', 'no-spaces'],
      ['${{ secrets.stagingDeployToken }}', 'no-template-syntax'],
      ['{{ 7*7 }}', 'no-template-syntax'],
    ];
    const before = fs.readdirSync(ctx.reposDir).filter(f => f !== '.staging');
    for (const [name, rule] of cases) {
      const created = await createTask(ctx.baseUrl, ctx.token, {
        templateRef: 'template:default/golden-api-service',
        values: serviceValues({ name }),
        secrets: { stagingDeployToken: SECRET },
      });
      assert.equal(created.status, 201);
      const { task, log, events } = await waitForTask(ctx.baseUrl, ctx.token, created.body.id);
      assert.equal(task.status, 'failed', name);
      assert.match(log, new RegExp(`Service name breaks the rule "${rule}"`), `${name}: ${log}`);
      // It failed in the first step; no later step ran
      assert.ok(!events.some(e => e.body?.stepId && e.body.stepId !== 'validate' && e.body?.status === 'processing'), name);
      assert.ok(!log.includes(SECRET));
    }
    assert.deepEqual(fs.readdirSync(ctx.reposDir).filter(f => f !== '.staging'), before, 'no repository written');
    assert.ok(!fs.existsSync(path.join(os.tmpdir(), 'evil')) && !fs.existsSync(path.join(root, 'pwned')));
  });

  it('rejects a name that is taken, in the catalog or by a repository', async () => {
    for (const name of ['payments-api', 'refunds-api']) {
      const created = await createTask(ctx.baseUrl, ctx.token, {
        templateRef: 'template:default/golden-api-service',
        values: serviceValues({ name }),
      });
      const { task, log } = await waitForTask(ctx.baseUrl, ctx.token, created.body.id);
      assert.equal(task.status, 'failed');
      assert.match(log, new RegExp(`The name "${name}" is already taken`));
    }
  });

  it('of two simultaneous creations of one name, one wins and the other leaves nothing behind', async () => {
    const values = serviceValues({ name: 'chargebacks-api', description: 'Chargebacks for card payments' });
    const tasks = await Promise.all(
      [1, 2].map(() => createTask(ctx.baseUrl, ctx.token, { templateRef: 'template:default/golden-api-service', values })),
    );
    const results = await Promise.all(tasks.map(t => waitForTask(ctx.baseUrl, ctx.token, t.body.id)));
    const statuses = results.map(r => r.task.status).sort();
    assert.deepEqual(statuses, ['completed', 'failed'], results.map(r => r.log).join('\n---\n'));
    const failed = results.find(r => r.task.status === 'failed');
    assert.match(failed.log, /already taken|already exists|appeared meanwhile/);
    const [entity] = await catalogEntities(ctx.baseUrl, ctx.token, 'kind=component,metadata.name=chargebacks-api');
    assert.ok(entity);
    assert.deepEqual(fs.readdirSync(path.join(ctx.reposDir, '.staging')), [], 'no half-written repository left');
  });

  it('does not let a payments developer see or run the ML template', async () => {
    const templates = await catalogEntities(ctx.baseUrl, ctx.token, 'kind=template');
    assert.ok(!templates.some(t => t.metadata.name === 'golden-ml-service'));
    assert.ok(templates.some(t => t.metadata.name === 'golden-api-service'));
    const created = await createTask(ctx.baseUrl, ctx.token, {
      templateRef: 'template:default/golden-ml-service',
      values: serviceValues({ name: 'sneaky-model' }),
    });
    assert.equal(created.status, 404, JSON.stringify(created.body));
    assert.ok(!fs.existsSync(path.join(ctx.reposDir, 'sneaky-model')));
  });
});

describe('golden services on PostgreSQL, as an ML engineer', () => {
  const prefix = `souverain_golden_${process.pid}_`;
  const ctx = goldenBackend({
    name: 'pg',
    templates: ['golden-ml-service'],
    configs: [
      'app-config.yaml',
      'app-config.production.yaml',
      'e2e/fixtures/app-config.backend-test.yaml',
      'e2e/fixtures/app-config.golden-test.yaml',
      'e2e/fixtures/app-config.ml-engineer.yaml',
    ],
    env: postgresEnv({ prefix, appUrl: 'http://localhost:3108', backendUrl: 'http://localhost:7108' }),
  });
  after(() => dropTestDatabases(prefix));

  it('golden-ml-service: fraud-scorer is created with its model files and passes its own tests', async () => {
    const { dir, elapsed, testMs } = await createAndCheck(ctx, {
      template: 'golden-ml-service',
      variant: 'ml',
      values: serviceValues({
        name: 'fraud-scorer',
        description: 'Scores card payments for fraud, online',
        owner: 'group:default/fraud-ml-team',
        system: 'system:default/fraud-detection',
        dataClassification: 'pii',
        costCenter: 'cc-fraud',
      }),
    });
    console.log(`# golden-ml-service: created and registered in ${elapsed} ms; npm ci + npm test ${testMs} ms`);
    for (const file of ['model/MODEL_CARD.md', 'model/registry.yaml', 'model/validation.yaml', 'model/drift.yaml']) {
      assert.ok(fs.existsSync(path.join(dir, file)), `${file} in the repository`);
    }
  });
});
