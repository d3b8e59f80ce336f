import { TestDatabases } from '@backstage/backend-test-utils';
import { readBody, setUpConcierge } from './__testUtils__/conciergeTestBed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('CredentialIssuer on %p', databaseId => {
  it('takes a production read from pending to an active grant whose secret is shown once', async () => {
    const { concierge, approve, as, provider, store, sent } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(readBody, await as('dev'));
    expect(request.state).toBe('pending');
    expect(request.policy).toBe('production-read');
    expect(request.approverGroups).toEqual(['group:default/payments-team', 'group:default/security-team']);
    expect(sent[0].recipients).toMatchObject({ entityRef: request.approverGroups, excludeEntityRef: 'user:default/dev' });

    const approved = await approve(request.id, await as('sofia'), 'ok for INC-42');
    expect(approved.state).toBe('active');
    // Everyone may see who holds access; only insiders see why.
    const [outsiderView] = await concierge.views.toViews([approved], await as('other-dev'), true);
    expect(outsiderView).toMatchObject({ requester: 'user:default/dev', state: 'active', justification: '' });
    expect(JSON.stringify(outsiderView)).not.toContain('INC-42');
    const [approverView] = await concierge.views.toViews([approved], await as('approver-3'), true);
    expect(approverView.justification).toBe(readBody.justification);
    expect(approved.expiresAt).toBe('2026-11-25T12:00:00.000Z');
    expect(provider.live.size).toBe(1);

    // Nobody but the requester can reveal it, and trying does not use it up.
    await expect(concierge.issuer.reveal(request.id, await as('approver-3'))).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Only the requester can reveal the credential',
    });
    expect((await store.getRequest(request.id))?.credentialSecret).toBeDefined();
    await expect(approve('no-such-request', await as('sofia'))).rejects.toMatchObject({ name: 'NotFoundError' });

    const credential = await concierge.issuer.reveal(request.id, await as('dev'));
    expect(credential.secret).toContain(`s3cret-${request.id}`);
    const stored = await store.getRequest(request.id);
    expect(stored?.credentialSecret).toBeUndefined();
    await expect(concierge.issuer.reveal(request.id, await as('dev'))).rejects.toMatchObject({
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

  it('marks a failed issuance with its reason, leaves no credential, and retries', async () => {
    const { concierge, approve, as, provider } = await setUpConcierge(databases, databaseId);
    provider.failNext = 1;
    const { request } = await concierge.intake.create(readBody, await as('dev'));
    const failed = await approve(request.id, await as('sofia'));
    expect(failed.state).toBe('failed');
    expect(failed.failureReason).toContain('database "acme-payments-db" does not exist');
    expect(provider.live.size).toBe(0);
    const retried = await concierge.issuer.retry(request.id, await as('dev'));
    expect(retried.state).toBe('active');
    expect(provider.live.size).toBe(1);
  });

  it('takes back a credential whose request changed while it was issued, and records no grant', async () => {
    const { concierge, approve, as, provider, store, knex } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(readBody, await as('dev'));
    // Another replica (or an operator) ends the request while the provider is working
    provider.duringIssue = async grant => {
      await knex('concierge_requests').where({ id: grant.requestId }).update({ state: 'revoked' });
    };
    const after = await approve(request.id, await as('sofia'));
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
});
