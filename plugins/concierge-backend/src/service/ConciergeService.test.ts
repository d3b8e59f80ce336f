import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CredentialGrant, CredentialProvider } from '@souverain/plugin-concierge-node';
import { Knex } from 'knex';
import { SecretBox } from '../crypto/SecretBox';
import { DatabaseConciergeStore } from '../database/DatabaseConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';
import { Actor, ConciergeService } from './ConciergeService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function resource(name: string, lifecycle: string, classification: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'souverain.io/data-classification': classification, 'souverain.io/tenant': 'acme' },
    },
    spec: { type: 'database', lifecycle, owner: 'group:default/payments-team' },
  };
}

function user(name: string, group: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [group] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
  };
}

const approverNames = Array.from({ length: 8 }, (_, i) => `approver-${i}`);
const entities = [
  resource('acme-payments-db', 'production', 'confidential'),
  resource('globex-payments-db', 'production', 'pii'),
  resource('acme-payments-staging-db', 'staging', 'internal'),
  user('dev', 'payments-team'),
  user('other-dev', 'identity-team'),
  user('sofia', 'security-team'),
  user('mathieu', 'security-team'),
  ...approverNames.map(name => user(name, 'payments-team')),
];

/** A provider that keeps its credentials in a map, and can be told to fail. */
class RecordingProvider implements CredentialProvider {
  readonly id = 'postgres';
  readonly live = new Map<string, CredentialGrant>();
  failNext = 0;
  issues = 0;
  /** Runs while a credential is being issued, before it is handed back. */
  duringIssue?: (grant: CredentialGrant) => Promise<void>;

  referenceFor(requestId: string) {
    return `concierge_${requestId.replace(/-/g, '').slice(0, 24)}`;
  }

  async issue(grant: CredentialGrant) {
    this.issues += 1;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error(`database "${grant.target}" does not exist on db.internal:5432`);
    }
    const reference = this.referenceFor(grant.requestId);
    this.live.set(reference, grant);
    await this.duringIssue?.(grant);
    return {
      reference,
      kind: 'PostgreSQL connection string',
      secret: `postgresql://${reference}:s3cret-${grant.requestId}@db.internal:5432/${grant.target}`,
      details: { role: reference },
    };
  }

  async revoke({ reference }: { reference: string }) {
    this.live.delete(reference);
  }

  async listIssued() {
    return [...this.live.keys()].map(reference => ({ reference, target: '' }));
  }
}

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex: Knex = await databases.init(databaseId);
  const store = await DatabaseConciergeStore.create(mockServices.database({ knex, migrations: { skip: false } }));
  const provider = new RecordingProvider();
  let now = new Date('2026-11-25T10:00:00.000Z');
  const sent: Array<{ recipients: unknown; title: string }> = [];
  const serviceOptions: ConstructorParameters<typeof ConciergeService>[0] = {
    store,
    policies: AccessPolicies.fromConfig(undefined),
    providers: new Map([[provider.id, provider]]),
    catalog: catalogServiceMock({ entities }),
    serviceCredentials: async () => mockCredentials.service(),
    secretBox: new SecretBox('a-test-key-that-is-long-enough-0123456789'),
    logger: mockServices.logger.mock(),
    notificationWindowMs: 0,
    notifications: {
      send: async options => {
        sent.push({ recipients: options.recipients, title: options.payload.title });
      },
    },
    now: () => now,
  };
  const service = new ConciergeService(serviceOptions);
  const actors = new Map<string, Actor>();
  const as = async (name: string): Promise<Actor> => {
    const ref = `user:default/${name}`;
    if (!actors.has(ref)) {
      actors.set(ref, {
        userEntityRef: ref,
        groups: await service.groupsOf(ref),
        credentials: mockCredentials.user(ref),
      });
    }
    return actors.get(ref)!;
  };
  return {
    knex,
    store,
    provider,
    service,
    sent,
    as,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    /** Another backend replica: its own service on the same database and provider. */
    replica: () => new ConciergeService(serviceOptions),
  };
}

const readBody = {
  resourceRef: 'resource:default/acme-payments-db',
  accessLevel: 'read' as const,
  durationMinutes: 120,
  justification: 'Investigate refund INC-42 totals',
};

describe.each(databases.eachSupportedId())('ConciergeService on %p', databaseId => {
  it('takes a production read from pending to an active grant whose secret is shown once', async () => {
    const { service, as, provider, store, sent } = await setUp(databaseId);
    const { request } = await service.create(readBody, await as('dev'));
    expect(request.state).toBe('pending');
    expect(request.policy).toBe('production-read');
    expect(request.approverGroups).toEqual(['group:default/payments-team', 'group:default/security-team']);
    expect(sent[0].recipients).toMatchObject({ entityRef: request.approverGroups, excludeEntityRef: 'user:default/dev' });

    const approved = await service.approve(request.id, await as('sofia'), 'ok for INC-42');
    expect(approved.state).toBe('active');
    // Everyone may see who holds access; only insiders see why.
    const [outsiderView] = await service.toViews([approved], await as('other-dev'), true);
    expect(outsiderView).toMatchObject({ requester: 'user:default/dev', state: 'active', justification: '' });
    expect(JSON.stringify(outsiderView)).not.toContain('INC-42');
    const [approverView] = await service.toViews([approved], await as('approver-3'), true);
    expect(approverView.justification).toBe(readBody.justification);
    expect(approved.expiresAt).toBe('2026-11-25T12:00:00.000Z');
    expect(provider.live.size).toBe(1);

    // Nobody but the requester can reveal it, and trying does not use it up.
    await expect(service.reveal(request.id, await as('approver-3'))).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Only the requester can reveal the credential',
    });
    expect((await store.getRequest(request.id))?.credentialSecret).toBeDefined();
    await expect(service.approve('no-such-request', await as('sofia'))).rejects.toMatchObject({ name: 'NotFoundError' });

    const credential = await service.reveal(request.id, await as('dev'));
    expect(credential.secret).toContain(`s3cret-${request.id}`);
    const stored = await store.getRequest(request.id);
    expect(stored?.credentialSecret).toBeUndefined();
    await expect(service.reveal(request.id, await as('dev'))).rejects.toMatchObject({
      statusCode: 410,
      message: expect.stringContaining('shown once'),
    });
    const verification = await store.verifyAudit();
    expect(verification).toMatchObject({ intact: true });
    const actions = (await store.listAudit({ requestId: request.id, limit: 50 })).map(e => e.action);
    expect(actions).toEqual([
      'request.created',
      'request.approval',
      'request.approved',
      'credential.issuing',
      'credential.issued',
      'request.active',
      'credential.revealed',
    ]);
    // The secret is in no audit entry.
    const exported: string[] = [];
    await store.exportAudit(entries => {
      exported.push(...entries.map(e => JSON.stringify(e)));
    });
    expect(exported.join('\n')).not.toContain('s3cret');
  });

  it('refuses bad requests with the status a user can act on', async () => {
    const { service, as } = await setUp(databaseId);
    await expect(
      service.create({ ...readBody, resourceRef: 'resource:default/nope-db' }, await as('dev')),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      service.create({ ...readBody, durationMinutes: 600 }, await as('dev')),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('maximum of 480 minutes (8 h)'),
    });
    await expect(
      service.create({ ...readBody, resourceRef: 'component:default/payments-api' }, await as('dev')),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      service.create(
        { ...readBody, resourceRef: 'resource:default/acme-payments-staging-db', accessLevel: 'write', breakGlass: true },
        await as('dev'),
      ),
    ).rejects.toMatchObject({ name: 'InputError', message: expect.stringContaining('Break-glass') });
  });

  it('never lets anyone approve their own request, nor outsiders approve', async () => {
    const { service, as, store } = await setUp(databaseId);
    const { request } = await service.create(readBody, await as('approver-0'));
    await expect(service.approve(request.id, await as('approver-0'))).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You cannot approve your own request',
    });
    await expect(service.approve(request.id, await as('other-dev'))).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect((await store.getRequest(request.id))?.state).toBe('pending');
  });

  it('lets exactly one of many simultaneous approvals win', async () => {
    const { service, as, provider } = await setUp(databaseId);
    const { request } = await service.create(readBody, await as('dev'));
    const approvers = await Promise.all(approverNames.map(name => as(name)));
    const results = await Promise.allSettled(approvers.map(a => service.approve(request.id, a)));
    const won = results.filter(r => r.status === 'fulfilled');
    const lost = results.filter(r => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(approvers.length - 1);
    for (const failure of lost) expect(failure.reason).toMatchObject({ name: 'ConflictError' });
    expect(provider.issues).toBe(1);
  });

  it('needs two different approvers for personal data', async () => {
    const { service, as } = await setUp(databaseId);
    const { request } = await service.create(
      { ...readBody, resourceRef: 'resource:default/globex-payments-db', durationMinutes: 60 },
      await as('dev'),
    );
    expect(request).toMatchObject({ policy: 'pii', approvalsRequired: 2 });
    expect((await service.approve(request.id, await as('sofia'))).state).toBe('pending');
    await expect(service.approve(request.id, await as('sofia'))).rejects.toMatchObject({ name: 'ConflictError' });
    expect((await service.approve(request.id, await as('approver-1'))).state).toBe('active');
  });

  it('counts both of two simultaneous approvals by different approvers', async () => {
    const { service, as, provider, store } = await setUp(databaseId);
    const { request } = await service.create(
      { ...readBody, resourceRef: 'resource:default/globex-payments-db', durationMinutes: 60 },
      await as('dev'),
    );
    const results = await Promise.all([
      service.approve(request.id, await as('sofia')),
      service.approve(request.id, await as('approver-1')),
    ]);
    expect(results.map(r => r.state).sort()).toEqual(['active', 'pending']);
    expect((await store.getRequest(request.id))?.state).toBe('active');
    expect((await store.getDecisions([request.id])).map(d => d.actor).sort()).toEqual([
      'user:default/approver-1',
      'user:default/sofia',
    ]);
    expect(provider.issues).toBe(1);
    expect(await store.verifyAudit()).toMatchObject({ intact: true });
  });

  it('answers 409 to deciding a cancelled or expired request', async () => {
    const { service, as, advance } = await setUp(databaseId);
    const cancelled = (await service.create(readBody, await as('dev'))).request;
    await service.cancel(cancelled.id, await as('dev'));
    await expect(service.approve(cancelled.id, await as('sofia'))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('cancelled'),
    });
    const waiting = (await service.create(readBody, await as('dev'))).request;
    advance(25 * 3600_000);
    await expect(service.approve(waiting.id, await as('sofia'))).rejects.toMatchObject({ name: 'ConflictError' });
    await service.sweep();
    await expect(service.approve(waiting.id, await as('sofia'))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('expired'),
    });
  });

  it('replays an idempotent create and rejects a reused key with another body', async () => {
    const { service, as, store } = await setUp(databaseId);
    const dev = await as('dev');
    const first = await service.create(readBody, dev, 'key-0001-abcdef');
    const again = await service.create(readBody, dev, 'key-0001-abcdef');
    expect(again).toMatchObject({ replayed: true, request: { id: first.request.id } });
    await expect(
      service.create({ ...readBody, durationMinutes: 60 }, dev, 'key-0001-abcdef'),
    ).rejects.toMatchObject({ statusCode: 422 });
    const concurrent = await Promise.all(
      Array.from({ length: 6 }, () => service.create(readBody, dev, 'key-0002-abcdef')),
    );
    expect(new Set(concurrent.map(c => c.request.id)).size).toBe(1);
    expect((await store.listRequests({ requester: dev.userEntityRef })).totalCount).toBe(2);
    expect(await store.verifyAudit()).toMatchObject({ intact: true });
  });

  it('marks a failed issuance with its reason, leaves no credential, and retries', async () => {
    const { service, as, provider } = await setUp(databaseId);
    provider.failNext = 1;
    const { request } = await service.create(readBody, await as('dev'));
    const failed = await service.approve(request.id, await as('sofia'));
    expect(failed.state).toBe('failed');
    expect(failed.failureReason).toContain('database "acme-payments-db" does not exist');
    expect(provider.live.size).toBe(0);
    const retried = await service.retry(request.id, await as('dev'));
    expect(retried.state).toBe('active');
    expect(provider.live.size).toBe(1);
  });

  it('takes back a credential whose request changed while it was issued, and records no grant', async () => {
    const { service, as, provider, store, knex } = await setUp(databaseId);
    const { request } = await service.create(readBody, await as('dev'));
    // Another replica (or an operator) ends the request while the provider is working
    provider.duringIssue = async grant => {
      await knex('concierge_requests').where({ id: grant.requestId }).update({ state: 'revoked' });
    };
    const after = await service.approve(request.id, await as('sofia'));
    expect(after.state).toBe('revoked');
    expect(provider.issues).toBe(1);
    expect(provider.live.size).toBe(0);
    const stored = await store.getRequest(request.id);
    expect(stored).toMatchObject({ state: 'revoked' });
    expect(stored?.credentialSecret).toBeUndefined();
    const actions = (await store.listAudit({ requestId: request.id, limit: 50 })).map(e => e.action);
    expect(actions).toContain('credential.issuing');
    expect(actions).not.toContain('credential.issued');
    expect(actions).not.toContain('request.active');
    expect(await store.verifyAudit()).toMatchObject({ intact: true });
  });

  it('completes an issuance a dead worker left', async () => {
    const { service, as, store, provider, advance } = await setUp(databaseId);
    const { request } = await service.create(readBody, await as('dev'));
    // The backend died after committing the approval, before issuing: the state is approved
    // and a lease from the dead worker is still held.
    await store.mutateRequest(request.id, current => ({
      patch: { state: 'approved', updatedAt: '2026-11-25T10:00:00.000Z' },
      audits: [{ actor: 'user:default/sofia', action: 'request.approved', requestId: current.id, details: { from: 'pending', to: 'approved' } }],
    }));
    await store.claimIssuance(request.id, '2026-11-25T10:00:00.000Z', { issuingUntil: '2026-11-25T10:01:00.000Z' }, []);
    expect((await service.sweep()).resumed).toBe(0);
    advance(61_000);
    expect((await service.sweep()).resumed).toBe(1);
    expect((await store.getRequest(request.id))?.state).toBe('active');
    expect([...provider.live.keys()]).toEqual([provider.referenceFor(request.id)]);
    expect(await store.verifyAudit()).toMatchObject({ intact: true });
  });

  it('removes a credential its own failed request left, never one another deployment made', async () => {
    const { service, as, store, provider } = await setUp(databaseId);
    const { request } = await service.create(readBody, await as('dev'));
    // Issued by the provider, but the grant was never recorded (the request ended up failed).
    await store.mutateRequest(request.id, () => ({
      patch: { state: 'failed', credentialReference: provider.referenceFor(request.id) },
      audits: [],
    }));
    provider.live.set(provider.referenceFor(request.id), {} as CredentialGrant);
    // A role of another concierge sharing the same PostgreSQL server.
    provider.live.set('concierge_deadbeefdeadbeefdeadbeef', {} as CredentialGrant);
    expect((await service.sweep()).removed).toBe(1);
    expect([...provider.live.keys()]).toEqual(['concierge_deadbeefdeadbeefdeadbeef']);
  });

  it('expires a grant at its time and removes the credential', async () => {
    const { service, as, store, provider, advance } = await setUp(databaseId);
    const { request } = await service.create(
      { ...readBody, resourceRef: 'resource:default/acme-payments-staging-db', durationMinutes: 30 },
      await as('dev'),
    );
    expect(request.state).toBe('active');
    advance(29 * 60_000);
    await service.sweep();
    expect((await store.getRequest(request.id))?.state).toBe('active');
    advance(60_000);
    expect((await service.sweep()).expired).toBe(1);
    expect((await store.getRequest(request.id))?.state).toBe('expired');
    expect(provider.live.size).toBe(0);
    // History stays after expiry.
    const view = (await service.toViews([(await store.getRequest(request.id))!], await as('dev'), true))[0];
    expect(view.transitions.map(t => t.to)).toEqual(['pending', 'approved', 'active', 'expired']);
  });

  it('grants break-glass access at once, tells security and asks for a review', async () => {
    const { service, as, sent, store } = await setUp(databaseId);
    const { request } = await service.create(
      { ...readBody, accessLevel: 'write', durationMinutes: 60, breakGlass: true },
      await as('dev'),
    );
    expect(request.state).toBe('active');
    expect(request.reviewDueAt).toBe('2026-11-26T10:00:00.000Z');
    expect(sent.some(s => JSON.stringify(s.recipients).includes('security-team') && s.title.startsWith('Break-glass'))).toBe(true);
    await expect(
      service.create({ ...readBody, accessLevel: 'write', durationMinutes: 120, breakGlass: true }, await as('dev')),
    ).rejects.toMatchObject({ message: expect.stringContaining('maximum of 60 minutes') });
    await expect(service.review(request.id, await as('dev'), 'fine')).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect((await store.listRequests({ unreviewedBreakGlass: true })).items.map(r => r.id)).toEqual([request.id]);
    const reviewed = await service.review(request.id, await as('sofia'), 'justified by INC-42');
    expect(reviewed.reviewedBy).toBe('user:default/sofia');
    expect((await store.listRequests({ unreviewedBreakGlass: true })).totalCount).toBe(0);
  });

  it('escalates a break-glass review nobody did within 24 h, once, however many replicas sweep', async () => {
    const { service, as, sent, store, advance, replica } = await setUp(databaseId);
    const body = { ...readBody, accessLevel: 'write' as const, durationMinutes: 60, breakGlass: true };
    const { request: late } = await service.create(body, await as('dev'));
    const { request: reviewed } = await service.create(body, await as('other-dev'));
    await service.review(reviewed.id, await as('sofia'), 'justified by INC-42');
    advance(24 * 60 * 60_000 - 60_000);
    expect((await service.sweep()).overdue).toBe(0);
    advance(2 * 60_000);
    sent.length = 0;
    const results = await Promise.all([service.sweep(), replica().sweep(), replica().sweep()]);
    expect(results.map(r => r.overdue).reduce((a, b) => a + b)).toBe(1);
    expect((await store.getRequest(late.id))?.reviewOverdueAt).toBe('2026-11-26T10:01:00.000Z');
    expect((await store.getRequest(reviewed.id))?.reviewOverdueAt).toBeUndefined();
    const entries = await store.listAudit({ requestId: late.id, limit: 100 });
    expect(entries.filter(e => e.action === 'request.review.overdue')).toHaveLength(1);
    const warnings = sent.filter(s => s.title.startsWith('Break-glass review overdue'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0].recipients)).toContain('group:default/security-team');
    // Later sweeps say nothing more, and the review can still be done
    expect((await service.sweep()).overdue).toBe(0);
    const done = await service.review(late.id, await as('sofia'), 'late, but justified');
    expect(done.reviewedBy).toBe('user:default/sofia');
    expect((await store.verifyAudit()).intact).toBe(true);
  });

  it('records who was signed in beside the user they acted as (the local demo)', async () => {
    const { service, as, store } = await setUp(databaseId);
    // The guest, signed in, acts as dev to ask, then as sofia to approve
    const devByGuest = { ...(await as('dev')), signedInAs: 'user:default/guest' };
    const sofiaByGuest = { ...(await as('sofia')), signedInAs: 'user:default/guest' };
    const { request } = await service.create(readBody, devByGuest);
    await service.approve(request.id, sofiaByGuest, 'ok');
    await service.revoke(request.id, await as('dev'), 'done');
    const entries = (await store.listAudit({ requestId: request.id, limit: 100 })).reverse();
    const byAction = (action: string) => entries.find(e => e.action === action)!;
    expect(byAction('request.created')).toMatchObject({
      actor: 'user:default/dev',
      details: { signedInAs: 'user:default/guest' },
    });
    expect(byAction('request.approved')).toMatchObject({
      actor: 'user:default/sofia',
      details: { signedInAs: 'user:default/guest' },
    });
    // What the concierge itself did, and what dev did signed in as dev, name nobody else
    expect(byAction('credential.issued').details.signedInAs).toBeUndefined();
    expect(byAction('request.revoked').details.signedInAs).toBeUndefined();
    expect((await store.verifyAudit()).intact).toBe(true);
  });

  it('revokes an expired grant once when replicas sweep at the same time', async () => {
    const { service, as, store, provider, advance, replica } = await setUp(databaseId);
    const { request } = await service.create(
      { ...readBody, resourceRef: 'resource:default/acme-payments-staging-db', durationMinutes: 30 },
      await as('dev'),
    );
    advance(31 * 60_000);
    const results = await Promise.all([service.sweep(), replica().sweep(), replica().sweep()]);
    expect(results.map(r => r.expired).reduce((a, b) => a + b)).toBe(1);
    expect(provider.live.size).toBe(0);
    const entries = await store.listAudit({ requestId: request.id, limit: 100 });
    expect(entries.filter(e => e.action === 'credential.revoked')).toHaveLength(1);
    expect(entries.filter(e => e.details.to === 'expired')).toHaveLength(1);
  });
});
