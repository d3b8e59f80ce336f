// node --test scripts/new-family.test.mjs
//
// Runs `npm run new-family` as a user would, against a temporary root (--root), so the repository
// is never touched. Whether a generated family compiles and passes its own tests is checked by
// generating one into the repository and running tsc and jest on it (see the script's header).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  'new-family.mjs',
);

function tempRoot() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'new-family-'));
  fs.mkdirSync(path.join(root, 'plugins'));
  return root;
}

function newFamily(...args) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
}

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry =>
      path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)),
    )
    .sort();
}

test('writes the four packages of the family, named after its id', t => {
  const root = tempRoot();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = newFamily('zz-demo', '--root', root);
  assert.equal(run.status, 0, run.stderr);

  const files = filesUnder(path.join(root, 'plugins'));
  for (const expected of [
    'zz-demo/package.json',
    'zz-demo/src/plugin.tsx',
    'zz-demo/src/extensions.tsx',
    'zz-demo/src/api/ZzDemoApiRef.ts',
    'zz-demo/src/components/ZzDemoPage/ZzDemoPage.tsx',
    'zz-demo/src/components/ZzDemoPage/ZzDemoPage.test.tsx',
    'zz-demo-backend/src/plugin.ts',
    'zz-demo-backend/src/schema/openapi.yaml',
    'zz-demo-backend/src/service/createRouter.ts',
    'zz-demo-backend/src/service/endpoints/CreateItem.router.ts',
    'zz-demo-backend/src/service/endpoints/CreateItem.model.ts',
    'zz-demo-backend/src/database/ZzDemoStore.ts',
    'zz-demo-backend/src/database/DatabaseZzDemoStore.ts',
    'zz-demo-backend/src/database/DatabaseZzDemoStore.test.ts',
    'zz-demo-backend/src/database/migrations.test.ts',
    'zz-demo-common/src/permissions.ts',
    'zz-demo-common/src/client.ts',
    'zz-demo-node/src/extensions.ts',
  ]) {
    assert.ok(files.includes(expected), `${expected} is missing`);
  }
  assert.ok(
    files.some(f => /^zz-demo-backend\/migrations\/\d{14}_init\.js$/.test(f)),
    'the first migration is missing',
  );
  assert.ok(
    !files.some(f => f.endsWith('.tmpl')),
    'a file kept its .tmpl suffix',
  );

  for (const file of files) {
    const text = fs.readFileSync(path.join(root, 'plugins', file), 'utf8');
    assert.doesNotMatch(text, /\{\{\w+\}\}/, `${file} has a placeholder left`);
  }

  const read = file =>
    fs.readFileSync(path.join(root, 'plugins', file), 'utf8');
  const backend = JSON.parse(read('zz-demo-backend/package.json'));
  assert.equal(backend.name, '@souverain/plugin-zz-demo-backend');
  assert.equal(backend.backstage.pluginId, 'zz-demo');
  assert.equal(backend.backstage.role, 'backend-plugin');
  assert.deepEqual(backend.backstage.pluginPackages, [
    '@souverain/plugin-zz-demo',
    '@souverain/plugin-zz-demo-backend',
    '@souverain/plugin-zz-demo-common',
    '@souverain/plugin-zz-demo-node',
  ]);
  assert.match(
    read('zz-demo-common/src/permissions.ts'),
    /name: 'zz-demo\.item\.create'/,
  );
  assert.match(
    read('zz-demo-common/src/client.ts'),
    /export class ZzDemoClient implements ZzDemoApi/,
  );
  assert.match(read('zz-demo-backend/src/plugin.ts'), /scope: 'global'/);
  assert.match(
    read('zz-demo-backend/src/database/DatabaseZzDemoStore.ts'),
    /'zz_demo_items'/,
  );

  assert.match(run.stdout, /npm install/);
  assert.match(run.stdout, /npm run openapi/);
  assert.match(run.stdout, /packages\/backend\/src\/index\.ts/);
  assert.match(run.stdout, /packages\/app/);
});

test('uses the pinned @backstage versions of the decision browser family', t => {
  const root = tempRoot();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  assert.equal(newFamily('zz-pins', '--root', root).status, 0);

  const repo = path.resolve(path.dirname(script), '..');
  const pinned = {};
  for (const pkg of ['adr', 'adr-backend', 'adr-common', 'adr-node']) {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(repo, 'plugins', pkg, 'package.json'), 'utf8'),
    );
    Object.assign(pinned, manifest.dependencies, manifest.devDependencies);
  }
  for (const pkg of [
    'zz-pins',
    'zz-pins-backend',
    'zz-pins-common',
    'zz-pins-node',
  ]) {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(root, 'plugins', pkg, 'package.json'), 'utf8'),
    );
    for (const [name, version] of Object.entries({
      ...manifest.dependencies,
      ...manifest.devDependencies,
    })) {
      if (name.startsWith('@backstage/')) {
        assert.equal(
          version,
          pinned[name],
          `${pkg} asks for ${name}@${version}, the adr family for ${pinned[name]}`,
        );
      }
    }
  }
});

for (const [why, args, message] of [
  ['an upper-case id', ['Finops'], /is not a family id/],
  ['a one-letter id', ['f'], /is not a family id/],
  ['an id over 31 characters', ['a'.repeat(32)], /is not a family id/],
  ['an id with a path in it', ['../evil'], /is not a family id/],
  [
    'an id ending with a hyphen',
    ['finops-'],
    /each hyphen must be followed by a letter/,
  ],
  [
    'an id with a digit after a hyphen',
    ['cost-2'],
    /each hyphen must be followed by a letter/,
  ],
  [
    'an id naming a package of a family',
    ['finops-backend'],
    /ends like a package of a family/,
  ],
  ['no id', [], /the family id is missing/],
  ['two ids', ['slo', 'finops'], /one id only/],
  ['an unknown option', ['slo', '--force'], /unknown option --force/],
]) {
  test(`refuses ${why} with exit 2, writing nothing`, t => {
    const root = tempRoot();
    t.after(() => fs.rmSync(root, { recursive: true, force: true }));
    const run = newFamily(...args, '--root', root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, message);
    assert.deepEqual(filesUnder(root), []);
  });
}

test('refuses an id whose packages or plugin id already exist, writing nothing', t => {
  const root = tempRoot();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'plugins/slo-node'));
  fs.mkdirSync(path.join(root, 'plugins/tenants'));
  fs.writeFileSync(
    path.join(root, 'plugins/tenants/package.json'),
    JSON.stringify({
      name: '@souverain/plugin-tenants',
      backstage: { pluginId: 'tenancy' },
    }),
  );

  const slo = newFamily('slo', '--root', root);
  assert.equal(slo.status, 2);
  assert.match(slo.stderr, /plugins\/slo-node exists/);

  const tenancy = newFamily('tenancy', '--root', root);
  assert.equal(tenancy.status, 2);
  assert.match(tenancy.stderr, /already uses the plugin id "tenancy"/);

  assert.deepEqual(filesUnder(path.join(root, 'plugins')), [
    'tenants/package.json',
  ]);
});

test('refuses the ids of the families already in this repository', () => {
  const run = newFamily('adr');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /plugins\/adr exists/);
});

test("prints the family's catalog entities, with its API and its spec", () => {
  const run = newFamily('finops', '--title', 'FinOps', '--print-catalog');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /name: souverain-finops-backend/);
  assert.match(run.stdout, /title: Souverain FinOps API/);
  assert.match(
    run.stdout,
    /\$text: \.\/plugins\/finops-backend\/src\/schema\/openapi\.yaml/,
  );
});
