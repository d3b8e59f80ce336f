import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseConciergeStore } from '../database/DatabaseConciergeStore';
import { main } from './auditCli';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** Runs the command as `souverain-concierge-audit ...args` would, capturing what it prints. */
async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await main(args);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { stdout, stderr, exitCode };
}

async function fill(knex: Knex, count: number) {
  const store = await DatabaseConciergeStore.create(mockServices.database({ knex, migrations: { skip: false } }));
  for (let i = 1; i <= count; i += 1) {
    await store.appendAudit([
      { actor: 'user:default/dev', action: 'request.created', requestId: `req-${i}`, details: { i } },
    ]);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'concierge-audit-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Each database the command reads: a SQLite file, and a database on the PostgreSQL server. */
const targets: Array<[string, () => Promise<{ knex: Knex; url: string }>]> = [
  [
    'SQLITE_3 (a file)',
    async () => {
      const filename = path.join(tmp, `concierge-${Date.now()}.sqlite`);
      const knex = knexFactory({ client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true });
      return { knex, url: `sqlite:${filename}` };
    },
  ],
  ...databases.eachSupportedId().map(
    ([id]) =>
      [
        id,
        async () => {
          const knex = await databases.init(id);
          const c = knex.client.config.connection as Knex.PgConnectionConfig;
          const auth = c.password ? `${c.user}:${encodeURIComponent(String(c.password))}` : c.user;
          return { knex, url: `postgresql://${auth}@${c.host}:${c.port}/${c.database}` };
        },
      ] as [string, () => Promise<{ knex: Knex; url: string }>],
  ),
];

describe.each(targets)('souverain-concierge-audit on %s', (_name, open) => {
  it('verifies an intact chain, exports it as JSON lines, and names the entry edited afterwards', async () => {
    const { knex, url } = await open();
    try {
      await fill(knex, 5);
      const intact = await run('verify', '--db', url);
      expect(intact.exitCode).toBe(0);
      expect(intact.stdout).toMatch(/^Chain intact, 5 entries \(verified in \d+ ms\)\n$/);

      const file = path.join(tmp, `export-${Date.now()}.jsonl`);
      expect((await run('export', '--db', url, '--out', file)).exitCode).toBe(0);
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
      expect(lines.map(l => [l.seq, l.action, l.requestId])).toEqual(
        [1, 2, 3, 4, 5].map(i => [i, 'request.created', `req-${i}`]),
      );
      expect(lines[1].prevHash).toBe(lines[0].hash);

      // Someone rewrites entry 3 in the database: the command names it and fails
      await knex('concierge_audit').where({ seq: 3 }).update({ actor: 'user:default/someone-else' });
      const broken = await run('verify', '--db', url);
      expect(broken.exitCode).toBe(1);
      expect(broken.stdout).toMatch(/^Chain broken at entry #3 \(altered\)/);
    } finally {
      await knex.destroy();
    }
  });
});

describe('souverain-concierge-audit with bad arguments', () => {
  it('prints its usage and exits 2 without a command or a database', async () => {
    for (const args of [[], ['verify'], ['erase', '--db', 'sqlite:/tmp/x.sqlite']]) {
      const result = await run(...args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('Usage: souverain-concierge-audit <verify|export> --db <database>');
      expect(result.stdout).toBe('');
    }
  });

  it('names what is wrong with the database argument, and creates no file', async () => {
    const missing = path.join(tmp, 'nowhere', 'concierge.sqlite');
    expect(await run('verify', '--db', `sqlite:${missing}`)).toMatchObject({
      exitCode: 2,
      stderr: `souverain-concierge-audit: No SQLite database at ${missing}\n`,
    });
    expect(fs.existsSync(missing)).toBe(false);
    expect(await run('verify', '--db', 'mysql://root@localhost/concierge')).toMatchObject({
      exitCode: 2,
      stderr: 'souverain-concierge-audit: --db must start with postgresql:// or sqlite:\n',
    });
    expect((await run('verify', '--db')).stderr).toContain('Unexpected argument --db');
  });
});
