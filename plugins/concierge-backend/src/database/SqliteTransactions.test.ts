import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { SqliteTransactions, startWalCheckpoints } from './SqliteTransactions';

jest.setTimeout(30_000);

/** The WAL header's checkpoint sequence number: it grows each time the log restarts after a checkpoint. */
function walGeneration(file: string): number {
  return fs.readFileSync(`${file}-wal`).readUInt32BE(12);
}

describe('SQLite transactions on the pool connection', () => {
  let dir: string;
  let knex: Knex;
  let file: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'souverain-sqlite-'));
    file = path.join(dir, 'store.sqlite');
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
    await knex.raw('PRAGMA journal_mode = WAL');
    await knex.schema.createTable('items', t => {
      t.integer('id').primary();
      t.text('label').notNullable();
      t.integer('flag');
    });
  });

  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits all statements of a transaction, binds booleans as 0/1, and rolls back on a throw', async () => {
    const sqlite = new SqliteTransactions(knex);
    await sqlite.write(tx => {
      tx.run('INSERT INTO items (id, label, flag) VALUES (?, ?, ?)', [1, 'one', true]);
      tx.run('INSERT INTO items (id, label, flag) VALUES (?, ?, ?)', [2, 'two', undefined]);
    });
    // (read the message: the driver's error class may come from another test file's realm)
    const failed = await sqlite
      .write(tx => {
        tx.run('INSERT INTO items (id, label) VALUES (?, ?)', [3, 'three']);
        tx.run('INSERT INTO items (id, label) VALUES (?, ?)', [1, 'duplicate']);
      })
      .then(
        () => 'committed',
        (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
      );
    expect(failed).toBe('SQLITE_CONSTRAINT_PRIMARYKEY: UNIQUE constraint failed: items.id');
    // knex sees what was committed, and nothing of the failed transaction
    expect(await knex('items').orderBy('id')).toEqual([
      { id: 1, label: 'one', flag: 1 },
      { id: 2, label: 'two', flag: null },
    ]);
    expect(await sqlite.read(tx => tx.get('SELECT count(*) AS n FROM items'))).toEqual({ n: 2 });
  });

  it('waits for a knex transaction in progress instead of interleaving with it', async () => {
    const sqlite = new SqliteTransactions(knex);
    const order: string[] = [];
    const slow = knex.transaction(async tx => {
      await tx('items').insert({ id: 10, label: 'knex' });
      await new Promise(resolve => setTimeout(resolve, 100));
      order.push('knex committed');
    });
    await new Promise(resolve => setTimeout(resolve, 10));
    const fast = sqlite.write(tx => {
      order.push(`sync sees ${tx.get('SELECT count(*) AS n FROM items WHERE id = 10')!.n}`);
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['knex committed', 'sync sees 1']);
  });

  it('checkpoints the log from its own thread', async () => {
    const sqlite = new SqliteTransactions(knex);
    const errors: string[] = [];
    const checkpoints = await startWalCheckpoints(knex, { intervalMs: 50, onError: m => errors.push(m) });
    expect(checkpoints).toBeDefined();
    try {
      for (let i = 0; i < 200; i++) {
        await sqlite.write(tx => tx.run('INSERT INTO items (id, label) VALUES (?, ?)', [i, 'x'.repeat(500)]));
      }
      const before = walGeneration(file);
      // A commit restarts the log, which only happens after a complete checkpoint; the thread
      // may take a moment to start when the machine is busy
      let after = before;
      for (let id = 1000; id < 1200 && after === before; id++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        await sqlite.write(tx => tx.run('INSERT INTO items (id, label) VALUES (?, ?)', [id, 'after']));
        after = walGeneration(file);
      }
      expect(after).toBeGreaterThan(before);
      expect(errors).toEqual([]);
    } finally {
      await checkpoints!.stop();
    }
  });

  it('does nothing for an in-memory database', async () => {
    const memory = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await expect(startWalCheckpoints(memory)).resolves.toBeUndefined();
    await memory.destroy();
  });
});
