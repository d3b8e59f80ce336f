import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditRow, GENESIS_HASH, auditEntryHash } from './auditChain';

jest.setTimeout(60_000);

/**
 * The audit chain's hash rule has two implementations that must never drift apart: auditChain.ts
 * (SQLite writes it, every database's verification recomputes it) and the PL/pgSQL trigger of
 * migration 20261203090000 (PostgreSQL writes it at commit). These fixed entries and their
 * hashes pin both: a change to either side fails here before an intact chain reads as altered.
 */
const vectors: AuditRow[] = [
  {
    prevHash: GENESIS_HASH,
    seq: 1,
    at: '2026-12-06T09:00:00.000Z',
    actor: 'user:default/dev',
    action: 'request.created',
    requestId: null,
    details: '{}',
    hash: 'd29b11593bc5844ca41921606f3e05f82389f3e4f4f8f077876ec94f2f848a83',
  },
  {
    prevHash: 'a'.repeat(64),
    seq: 42,
    at: '2026-12-06T09:00:01.123Z',
    actor: 'user:default/élodie.müller',
    action: 'request.approved',
    requestId: '00000000-0000-4000-8000-000000000042',
    details: JSON.stringify({ comment: 'ok für Straße, 漢字 🔑, line\u2028separator, next\u0085line', approvals: 2 }),
    hash: '4deed60bd8d5459383a00e293616764dcb9292f908cbf02c3583852bae98360c',
  },
  {
    prevHash: '0123456789abcdef'.repeat(4),
    seq: 1234567890123,
    at: '2026-12-31T23:59:59.999Z',
    actor: 'user:default/quote"back\\slash/slash',
    action: 'test.escapes',
    requestId: 'tab\there',
    details: JSON.stringify({ text: 'nl \n cr \r tab \t bs \b ff \f ctl \u0001\u001f del \u007f <script>&\'' }),
    hash: '407d9a7830ddf1c6b627b544290ebdec785e98a1bbddea8b22e67fd0fd747fdf',
  },
  {
    prevHash: 'f'.repeat(64),
    seq: 7,
    at: '2026-01-01T00:00:00.000Z',
    actor: '',
    action: 'test.empty',
    requestId: '',
    details: JSON.stringify({ nothing: null, list: [], nested: { deep: [1, 'two', { three: true }] } }),
    hash: 'a13d4163b32a3089fafd9a6d0bcc97d3171cf122c856e3e4241c3cce14249042',
  },
];

describe('the audit chain hash rule', () => {
  it.each(vectors.map(v => [v.seq, v] as const))('gives the fixed hash of entry #%p in TypeScript', (_seq, vector) => {
    expect(auditEntryHash(vector.prevHash, vector)).toBe(vector.hash);
  });

  it('changes with every field', () => {
    const base = vectors[1];
    const hashes = new Set([
      auditEntryHash(base.prevHash, base),
      auditEntryHash('b'.repeat(64), base),
      auditEntryHash(base.prevHash, { ...base, seq: base.seq + 1 }),
      auditEntryHash(base.prevHash, { ...base, at: '2026-12-06T09:00:01.124Z' }),
      auditEntryHash(base.prevHash, { ...base, actor: `${base.actor} ` }),
      auditEntryHash(base.prevHash, { ...base, action: 'request.denied' }),
      auditEntryHash(base.prevHash, { ...base, requestId: null }),
      auditEntryHash(base.prevHash, { ...base, details: `${base.details} ` }),
    ]);
    expect(hashes.size).toBe(8);
  });
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const postgres = databases.eachSupportedId();

// Without a PostgreSQL to test on (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING unset)
// this half is reported as skipped rather than silently absent.
(postgres.length ? describe.each(postgres) : describe.skip.each([['POSTGRES_15'] as const]))(
  'the PostgreSQL trigger on %p',
  databaseId => {
    it('chains each fixed entry to the same hash as TypeScript', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({
        directory: resolvePackagePath('@souverain/plugin-concierge-backend', 'migrations'),
      });
      for (const vector of vectors) {
        // Put the head where the vector's entry follows on, then let the trigger chain it at commit
        await knex('concierge_audit_head').where({ id: 1 }).update({ seq: vector.seq - 1, hash: vector.prevHash });
        await knex('concierge_audit_pending').insert({
          at: vector.at,
          actor: vector.actor,
          action: vector.action,
          request_id: vector.requestId,
          details: vector.details,
        });
        const row = await knex('concierge_audit').where({ seq: vector.seq }).first();
        expect({ seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }).toEqual({
          seq: vector.seq,
          prevHash: vector.prevHash,
          hash: vector.hash,
        });
        expect(row.details).toBe(vector.details);
      }
    });
  },
);
