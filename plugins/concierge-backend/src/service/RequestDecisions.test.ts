import { TestDatabases } from '@backstage/backend-test-utils';
import { approverNames, readBody, setUpConcierge } from './__testUtils__/conciergeTestBed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('RequestDecisions on %p', databaseId => {
  it('never lets anyone approve their own request, nor outsiders approve', async () => {
    const { concierge, approve, as, store } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(readBody, await as('approver-0'));
    await expect(approve(request.id, await as('approver-0'))).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You cannot approve your own request',
    });
    await expect(approve(request.id, await as('other-dev'))).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect((await store.getRequest(request.id))?.state).toBe('pending');
  });

  it('lets exactly one of many simultaneous approvals win', async () => {
    const { concierge, approve, as, provider } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(readBody, await as('dev'));
    const approvers = await Promise.all(approverNames.map(name => as(name)));
    const results = await Promise.allSettled(approvers.map(a => approve(request.id, a)));
    const won = results.filter(r => r.status === 'fulfilled');
    const lost = results.filter(r => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(approvers.length - 1);
    for (const failure of lost) expect(failure.reason).toMatchObject({ name: 'ConflictError' });
    expect(provider.issues).toBe(1);
  });

  it('needs two different approvers for personal data', async () => {
    const { concierge, approve, as } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(
      { ...readBody, resourceRef: 'resource:default/globex-payments-db', durationMinutes: 60 },
      await as('dev'),
    );
    expect(request).toMatchObject({ policy: 'pii', approvalsRequired: 2 });
    expect((await approve(request.id, await as('sofia'))).state).toBe('pending');
    await expect(approve(request.id, await as('sofia'))).rejects.toMatchObject({ name: 'ConflictError' });
    expect((await approve(request.id, await as('approver-1'))).state).toBe('active');
  });

  it('counts both of two simultaneous approvals by different approvers', async () => {
    const { concierge, approve, as, provider, store } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(
      { ...readBody, resourceRef: 'resource:default/globex-payments-db', durationMinutes: 60 },
      await as('dev'),
    );
    const results = await Promise.all([
      approve(request.id, await as('sofia')),
      approve(request.id, await as('approver-1')),
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
    const { concierge, approve, as, advance } = await setUpConcierge(databases, databaseId);
    const cancelled = (await concierge.intake.create(readBody, await as('dev'))).request;
    await concierge.decisions.cancel(cancelled.id, await as('dev'));
    await expect(approve(cancelled.id, await as('sofia'))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('cancelled'),
    });
    const waiting = (await concierge.intake.create(readBody, await as('dev'))).request;
    advance(25 * 3600_000);
    await expect(approve(waiting.id, await as('sofia'))).rejects.toMatchObject({ name: 'ConflictError' });
    await concierge.sweep.run();
    await expect(approve(waiting.id, await as('sofia'))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('expired'),
    });
  });
});
