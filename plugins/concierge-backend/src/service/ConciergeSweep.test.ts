import { TestDatabases } from '@backstage/backend-test-utils';
import { CredentialGrant } from '@souverain/plugin-concierge-node';
import { readBody, setUpConcierge } from './__testUtils__/conciergeTestBed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('ConciergeSweep on %p', databaseId => {
  it('completes an issuance a dead worker left', async () => {
    const { concierge, as, store, provider, advance } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(readBody, await as('dev'));
    // The backend died after committing the approval, before issuing: the state is approved
    // and a lease from the dead worker is still held.
    await store.mutateRequest(request.id, current => ({
      patch: { state: 'approved', updatedAt: '2026-11-25T10:00:00.000Z' },
      audits: [{ actor: 'user:default/sofia', action: 'request.approved', requestId: current.id, details: { from: 'pending', to: 'approved' } }],
    }));
    await store.claimIssuance(request.id, '2026-11-25T10:00:00.000Z', { issuingUntil: '2026-11-25T10:01:00.000Z' }, []);
    expect((await concierge.sweep.run()).resumed).toBe(0);
    advance(61_000);
    expect((await concierge.sweep.run()).resumed).toBe(1);
    expect((await store.getRequest(request.id))?.state).toBe('active');
    expect([...provider.live.keys()]).toEqual([provider.referenceFor(request.id)]);
    expect(await store.verifyAudit()).toMatchObject({ intact: true });
  });

  it('removes a credential its own failed request left, never one another deployment made', async () => {
    const { concierge, as, store, provider } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(readBody, await as('dev'));
    // Issued by the provider, but the grant was never recorded (the request ended up failed).
    await store.mutateRequest(request.id, () => ({
      patch: { state: 'failed', credentialReference: provider.referenceFor(request.id) },
      audits: [],
    }));
    provider.live.set(provider.referenceFor(request.id), {} as CredentialGrant);
    // A role of another concierge sharing the same PostgreSQL server.
    provider.live.set('concierge_deadbeefdeadbeefdeadbeef', {} as CredentialGrant);
    expect((await concierge.sweep.run()).removed).toBe(1);
    expect([...provider.live.keys()]).toEqual(['concierge_deadbeefdeadbeefdeadbeef']);
  });

  it('expires a grant at its time and removes the credential', async () => {
    const { concierge, as, store, provider, advance } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(
      { ...readBody, resourceRef: 'resource:default/acme-payments-staging-db', durationMinutes: 30 },
      await as('dev'),
    );
    expect(request.state).toBe('active');
    advance(29 * 60_000);
    await concierge.sweep.run();
    expect((await store.getRequest(request.id))?.state).toBe('active');
    advance(60_000);
    expect((await concierge.sweep.run()).expired).toBe(1);
    expect((await store.getRequest(request.id))?.state).toBe('expired');
    expect(provider.live.size).toBe(0);
    // History stays after expiry.
    const view = (await concierge.views.toViews([(await store.getRequest(request.id))!], await as('dev'), true))[0];
    expect(view.transitions.map(t => t.to)).toEqual(['pending', 'approved', 'active', 'expired']);
  });

  it('escalates a break-glass review nobody did within 24 h, once, however many replicas sweep', async () => {
    const { concierge, as, sent, store, advance, replica } = await setUpConcierge(databases, databaseId);
    const body = { ...readBody, accessLevel: 'write' as const, durationMinutes: 60, breakGlass: true };
    const { request: late } = await concierge.intake.create(body, await as('dev'));
    const { request: reviewed } = await concierge.intake.create(body, await as('other-dev'));
    await concierge.decisions.review(reviewed.id, await as('sofia'), 'justified by INC-42');
    advance(24 * 60 * 60_000 - 60_000);
    expect((await concierge.sweep.run()).overdue).toBe(0);
    advance(2 * 60_000);
    sent.length = 0;
    const results = await Promise.all([concierge.sweep.run(), replica().sweep.run(), replica().sweep.run()]);
    expect(results.map(r => r.overdue).reduce((a, b) => a + b)).toBe(1);
    expect((await store.getRequest(late.id))?.reviewOverdueAt).toBe('2026-11-26T10:01:00.000Z');
    expect((await store.getRequest(reviewed.id))?.reviewOverdueAt).toBeUndefined();
    const entries = await store.listAudit({ requestId: late.id, limit: 100 });
    expect(entries.filter(e => e.action === 'request.review.overdue')).toHaveLength(1);
    const warnings = sent.filter(s => s.title.startsWith('Break-glass review overdue'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0].recipients)).toContain('group:default/security-team');
    // Later sweeps say nothing more, and the review can still be done
    expect((await concierge.sweep.run()).overdue).toBe(0);
    const done = await concierge.decisions.review(late.id, await as('sofia'), 'late, but justified');
    expect(done.reviewedBy).toBe('user:default/sofia');
    expect((await store.verifyAudit()).intact).toBe(true);
  });

  it('revokes an expired grant once when replicas sweep at the same time', async () => {
    const { concierge, as, store, provider, advance, replica } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(
      { ...readBody, resourceRef: 'resource:default/acme-payments-staging-db', durationMinutes: 30 },
      await as('dev'),
    );
    advance(31 * 60_000);
    const results = await Promise.all([concierge.sweep.run(), replica().sweep.run(), replica().sweep.run()]);
    expect(results.map(r => r.expired).reduce((a, b) => a + b)).toBe(1);
    expect(provider.live.size).toBe(0);
    const entries = await store.listAudit({ requestId: request.id, limit: 100 });
    expect(entries.filter(e => e.action === 'credential.revoked')).toHaveLength(1);
    expect(entries.filter(e => e.details.to === 'expired')).toHaveLength(1);
  });
});
