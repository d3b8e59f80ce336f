import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { auditEntryHash } from './auditChain';
import { DatabaseConciergeStore } from './DatabaseConciergeStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function storeWithEntries(databaseId: Parameters<typeof databases.init>[0], count: number) {
  const knex: Knex = await databases.init(databaseId);
  const store = await DatabaseConciergeStore.create(mockServices.database({ knex, migrations: { skip: false } }));
  for (let i = 1; i <= count; i += 1) {
    await store.appendAudit([{ actor: 'user:default/dev', action: 'test.entry', details: { i } }]);
  }
  return { knex, store };
}

describe.each(databases.eachSupportedId())('the audit chain on %p', databaseId => {
  it('verifies an untouched chain, including entries appended concurrently', async () => {
    const { store } = await storeWithEntries(databaseId, 3);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.appendAudit([{ actor: 'user:default/dev', action: 'test.concurrent', details: { i } }]),
      ),
    );
    const result = await store.verifyAudit();
    expect(result).toMatchObject({ intact: true, entries: 43, headSeq: 43, message: 'Chain intact, 43 entries' });
    const seqs = (await store.listAudit({ limit: 100 })).map(e => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
  });

  it('hashes awkward text the same way when it writes and when it verifies', async () => {
    // On PostgreSQL the database computes the hash at commit; verification recomputes it here.
    const { knex, store } = await storeWithEntries(databaseId, 1);
    const awkward = [
      'quote " backslash \\ slash / tab \t newline \n cr \r',
      'control \u0001\u001f\b\f del \u007f',
      'accents é ü ß, CJK 漢字, emoji 🔑, line separator \u2028',
      '<script>alert(1)</script> & \'single\'',
    ];
    await store.appendAudit(
      awkward.map((text, i) => ({ actor: `user:default/${text}`, action: `test.${i}`, requestId: text.slice(0, 36), details: { text } })),
    );
    expect(await store.verifyAudit()).toMatchObject({ intact: true, entries: 5, headSeq: 5 });
    const entries = await store.listAudit({ limit: 10 });
    expect(entries.map(e => e.actor).slice(0, 4).reverse()).toEqual(awkward.map(t => `user:default/${t}`));
    await knex('concierge_audit').where({ seq: 3 }).update({ details: JSON.stringify({ text: awkward[1].toUpperCase() }) });
    expect(await store.verifyAudit()).toMatchObject({ intact: false, firstBadSeq: 3, problem: 'altered' });
  });

  it('chains the entries of one transaction in order, and none of a rolled-back one', async () => {
    const { knex, store } = await storeWithEntries(databaseId, 2);
    const failing = store.mutateRequest('no-such-request', () => {
      throw new Error('never reached');
    });
    await expect(failing).rejects.toThrow(/No access request no-such-request/);
    await store.appendAudit([
      { actor: 'user:default/a', action: 'test.first' },
      { actor: 'user:default/a', action: 'test.second' },
      { actor: 'user:default/a', action: 'test.third' },
    ]);
    const rows = await knex('concierge_audit').orderBy('seq');
    expect(rows.map(r => [Number(r.seq), r.action])).toEqual([
      [1, 'test.entry'], [2, 'test.entry'], [3, 'test.first'], [4, 'test.second'], [5, 'test.third'],
    ]);
    // Only PostgreSQL has the pending table, and nothing is left in it after the commits.
    const hasPending = await knex.schema.hasTable('concierge_audit_pending');
    expect(hasPending).toBe(databaseId.startsWith('POSTGRES'));
    const pending = hasPending ? await knex('concierge_audit_pending').count({ n: '*' }) : [{ n: 0 }];
    expect(Number(pending[0].n)).toBe(0);
    expect(await store.verifyAudit()).toMatchObject({ intact: true, headSeq: 5 });
  });

  it('appends a batch larger than one statement can carry, all or nothing', async () => {
    const { store } = await storeWithEntries(databaseId, 1);
    const batch = Array.from({ length: 2500 }, (_, i) => ({ actor: 'user:default/dev', action: 'test.batch', details: { i } }));
    await store.appendAudit(batch);
    expect(await store.verifyAudit()).toMatchObject({ intact: true, entries: 2501, headSeq: 2501 });
    const failing = [...batch.slice(0, 1500), { actor: 'user:default/dev', action: null as unknown as string }];
    // The driver's error comes from another realm than jest's Error: match on its message.
    await expect(store.appendAudit(failing)).rejects.toMatchObject({ message: expect.stringMatching(/NOT NULL|not-null/i) });
    expect(await store.auditHeadSeq()).toBe(2501);
    expect(await store.verifyAudit()).toMatchObject({ intact: true, entries: 2501 });
  });

  it('names an entry whose content was edited in the database', async () => {
    const { knex, store } = await storeWithEntries(databaseId, 6);
    await knex('concierge_audit').where({ seq: 4 }).update({ actor: 'user:default/someone-else' });
    expect(await store.verifyAudit()).toMatchObject({ intact: false, firstBadSeq: 4, problem: 'altered' });
  });

  it('names an entry that was edited and re-hashed by someone who knows the formula', async () => {
    const { knex, store } = await storeWithEntries(databaseId, 6);
    const row = await knex('concierge_audit').where({ seq: 2 }).first();
    const details = JSON.stringify({ i: 999 });
    const hash = auditEntryHash(row.prev_hash, {
      seq: 2, at: row.at, actor: row.actor, action: row.action, requestId: row.request_id, details,
    });
    await knex('concierge_audit').where({ seq: 2 }).update({ details, hash });
    const result = await store.verifyAudit();
    expect(result).toMatchObject({ intact: false, firstBadSeq: 3, problem: 'reordered' });
    expect(result.message).toContain('#2 was altered and re-hashed');
  });

  it('names a removed entry, a removed tail and swapped entries', async () => {
    const removed = await storeWithEntries(databaseId, 5);
    await removed.knex('concierge_audit').where({ seq: 3 }).delete();
    expect(await removed.store.verifyAudit()).toMatchObject({ firstBadSeq: 3, problem: 'removed', message: 'entry #3 was removed' });

    const tail = await storeWithEntries(databaseId, 5);
    await tail.knex('concierge_audit').where('seq', '>', 3).delete();
    expect(await tail.store.verifyAudit()).toMatchObject({ firstBadSeq: 4, problem: 'truncated' });

    const swapped = await storeWithEntries(databaseId, 5);
    const two = await swapped.knex('concierge_audit').where({ seq: 2 }).first();
    const three = await swapped.knex('concierge_audit').where({ seq: 3 }).first();
    await swapped.knex('concierge_audit').where({ seq: 2 }).delete();
    await swapped.knex('concierge_audit').where({ seq: 3 }).delete();
    await swapped.knex('concierge_audit').insert([{ ...three, seq: 2 }, { ...two, seq: 3 }]);
    expect(await swapped.store.verifyAudit()).toMatchObject({ intact: false, firstBadSeq: 2 });
  });

  it('exports every entry in order as it was hashed', async () => {
    const { store } = await storeWithEntries(databaseId, 4);
    const lines: string[] = [];
    await store.exportAudit(entries => {
      lines.push(...entries.map(e => JSON.stringify(e)));
    });
    expect(lines.map(l => JSON.parse(l).seq)).toEqual([1, 2, 3, 4]);
    expect(JSON.parse(lines[0]).prevHash).toBe('0'.repeat(64));
    expect(JSON.parse(lines[1]).prevHash).toBe(JSON.parse(lines[0]).hash);
  });

  it('writes a change only to a request still in the expected state, with its entries', async () => {
    const { knex, store } = await storeWithEntries(databaseId, 1);
    const id = '00000000-0000-4000-8000-000000000001';
    const at = '2026-12-03T10:00:00.000Z';
    await store.createRequest(
      {
        id,
        requester: 'user:default/dev',
        resourceRef: 'resource:default/acme-payments-db',
        accessLevel: 'read',
        durationMinutes: 60,
        justification: 'INC-1',
        breakGlass: false,
        state: 'approved',
        policy: 'non-production-read',
        approvalsRequired: 0,
        approverGroups: [],
        provider: 'postgres',
        target: 'acme',
        createdAt: at,
        updatedAt: at,
        issuingUntil: at,
      },
      [{ actor: 'user:default/dev', action: 'request.created', requestId: id }],
    );
    const later = '2026-12-03T10:00:01.000Z';
    const active = await store.updateInState(
      id,
      'approved',
      { state: 'active', activatedAt: later, issuingUntil: undefined, credentialDetails: { database: 'acme' }, updatedAt: later },
      [{ actor: 'concierge', action: 'request.active', requestId: id, details: { from: 'approved', to: 'active' } }],
    );
    expect(active).toMatchObject({ id, state: 'active', activatedAt: later, credentialDetails: { database: 'acme' }, justification: 'INC-1' });
    expect(active?.issuingUntil).toBeUndefined();
    expect(await store.getRequest(id)).toEqual(active);

    // No longer approved: nothing is written, not even the audit entry
    const again = await store.updateInState(id, 'approved', { state: 'failed', failureReason: 'late', updatedAt: later }, [
      { actor: 'concierge', action: 'request.failed', requestId: id },
    ]);
    expect(again).toBeUndefined();
    expect(await store.updateInState('00000000-0000-4000-8000-000000000099', 'approved', { state: 'active' }, [])).toBeUndefined();
    expect(await store.getRequest(id)).toEqual(active);
    const actions = (await knex('concierge_audit').orderBy('seq')).map(r => r.action);
    expect(actions).toEqual(['test.entry', 'request.created', 'request.active']);
    expect(await store.verifyAudit()).toMatchObject({ intact: true, headSeq: 3 });
  });

  it('migrates down and up again', async () => {
    const knex: Knex = await databases.init(databaseId);
    const directory = resolvePackagePath('@souverain/plugin-concierge-backend', 'migrations');
    await knex.migrate.latest({ directory });
    await knex('concierge_audit_head').update({ seq: 0 });
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('concierge_requests')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex('concierge_audit_head').first()).toMatchObject({ id: 1 });
  });
});
