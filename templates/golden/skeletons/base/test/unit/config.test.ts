import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findRootDir, loadConfig } from '../../src/config.ts';

const pkg = JSON.parse(readFileSync(join(findRootDir(), 'package.json'), 'utf8')) as { name: string; version: string };

describe('loadConfig', () => {
  it('defaults to the package name and version', () => {
    const config = loadConfig({});
    assert.equal(config.serviceName, pkg.name);
    assert.equal(config.version, pkg.version);
    assert.equal(config.port, 8080);
    assert.equal(config.logLevel, 'info');
  });

  it('reads the environment', () => {
    const config = loadConfig({ PORT: '9000', LOG_LEVEL: 'debug', SERVICE_VERSION: 'abc123' });
    assert.equal(config.port, 9000);
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.version, 'abc123');
  });

  it('fails fast on invalid values', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  });
});
