// Start-up fails fast, naming the port or the configuration key that is wrong.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from '../lib/backend.mjs';

function listen(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port, host: '::', ipv6Only: false }, () => resolve(server));
  });
}

function runScript(args, env = {}) {
  return spawnSync('bash', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
}

describe('npm start pre-flight', () => {
  for (const port of [3000, 7007]) {
    it(`fails with a message naming port ${port} when it is taken`, async t => {
      let server;
      try {
        server = await listen(port);
      } catch {
        t.skip(`port ${port} is already used by something else on this machine`);
        return;
      }
      try {
        const res = runScript(['scripts/start.sh']);
        assert.notEqual(res.status, 0);
        assert.match(res.stderr, new RegExp(`port ${port} is already in use`));
      } finally {
        server.close();
      }
    });
  }

  it('names the key whose environment variable is missing', () => {
    const env = { ...process.env };
    delete env.POSTGRES_HOST;
    const res = spawnSync(
      process.execPath,
      ['scripts/check-config.mjs', '--config', 'app-config.yaml', '--config', 'app-config.production.yaml'],
      { cwd: root, encoding: 'utf8', env },
    );
    assert.equal(res.status, 1);
    assert.match(res.stderr, /backend\.database\.connection\.host needs the environment variable POSTGRES_HOST/);
  });

  it('names the key whose value does not match the schema', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'souverain-config-'));
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'souverain:\n  permission:\n    admins: group:default/platform-team\n');
    try {
      const res = spawnSync(
        process.execPath,
        ['scripts/check-config.mjs', '--config', 'app-config.yaml', '--config', bad],
        { cwd: root, encoding: 'utf8' },
      );
      assert.equal(res.status, 1);
      assert.match(res.stderr, /souverain\/permission\/admins|souverain\.permission\.admins/);
      assert.match(res.stderr, /must be array/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts the shipped local configuration', () => {
    const res = spawnSync(process.execPath, ['scripts/check-config.mjs', '--config', 'app-config.yaml'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(res.status, 0, res.stderr);
  });
});
