import fs from 'node:fs';
import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { DatabaseConciergeStore } from '../database/DatabaseConciergeStore';

const USAGE = `Usage: souverain-concierge-audit <verify|export> --db <database> [--out <file>]

  --db   postgresql://user:password@host:5432/souverain_concierge
         or sqlite:/path/to/concierge.sqlite (the concierge's own database)
  --out  export: write JSON lines to this file instead of standard output

verify exits 0 when the chain is intact, 1 when it is broken (naming the first bad entry).`;

/** Opens the concierge's database named by `--db` (read-only use; migrations are not run). */
export function openDatabase(url: string): Knex {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length);
    if (!fs.existsSync(filename)) throw new Error(`No SQLite database at ${filename}`);
    return knexFactory({ client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  }
  throw new Error('--db must start with postgresql:// or sqlite:');
}

/** A store over an open database, without running migrations. */
export async function storeFor(knex: Knex): Promise<DatabaseConciergeStore> {
  const database: DatabaseService = {
    getClient: async () => knex,
    migrations: { skip: true },
  };
  return DatabaseConciergeStore.create(database);
}

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i];
    if (!key.startsWith('--') || rest[i + 1] === undefined) throw new Error(`Unexpected argument ${key}`);
    options[key.slice(2)] = rest[i + 1];
  }
  return { command, options };
}

/** The command's entry point; sets `process.exitCode`. */
export async function main(argv: string[]): Promise<void> {
  let knex: Knex | undefined;
  try {
    const { command, options } = parseArgs(argv);
    if (!['verify', 'export'].includes(command) || !options.db) {
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    knex = openDatabase(options.db);
    const store = await storeFor(knex);
    if (command === 'verify') {
      const result = await store.verifyAudit();
      const line = result.intact
        ? `${result.message} (verified in ${result.durationMs} ms)`
        : `Chain broken at entry #${result.firstBadSeq} (${result.problem}): ${result.message}`;
      process.stdout.write(`${line}\n`);
      process.exitCode = result.intact ? 0 : 1;
      return;
    }
    const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
    await store.exportAudit(async entries => {
      const chunk = `${entries.map(e => JSON.stringify(e)).join('\n')}\n`;
      if (!out.write(chunk)) await new Promise(resolve => out.once('drain', resolve));
    });
    if (out !== process.stdout) await new Promise(resolve => (out as fs.WriteStream).end(resolve));
  } catch (error) {
    process.stderr.write(`souverain-concierge-audit: ${(error as Error).message}\n`);
    process.exitCode = 2;
  } finally {
    await knex?.destroy();
  }
}
