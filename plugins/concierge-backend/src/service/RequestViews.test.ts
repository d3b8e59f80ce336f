import { TestDatabases } from '@backstage/backend-test-utils';
import { readBody, setUpConcierge } from './__testUtils__/conciergeTestBed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('RequestViews on %p', databaseId => {
  it('offers each person only what they may do with a request, as it moves on', async () => {
    const { concierge, approve, as } = await setUpConcierge(databases, databaseId);
    const { views } = concierge;
    const actionsOf = async (request: Parameters<typeof views.toViews>[0][0], name: string) =>
      (await views.toViews([request], await as(name)))[0].actions;

    const { request: pending } = await concierge.intake.create(readBody, await as('dev'));
    expect(await actionsOf(pending, 'dev')).toEqual(['cancel']);
    expect(await actionsOf(pending, 'approver-0')).toEqual(['approve', 'deny']);
    expect(await actionsOf(pending, 'other-dev')).toEqual([]);

    const active = await approve(pending.id, await as('sofia'), 'ok for INC-42');
    expect(await actionsOf(active, 'dev')).toEqual(['revoke', 'reveal']);
    expect(await actionsOf(active, 'approver-0')).toEqual(['revoke']);
    // Once shown, the credential is no longer offered
    await concierge.issuer.reveal(active.id, await as('dev'));
    expect(await actionsOf(await views.get(active.id), 'dev')).toEqual(['revoke']);

    // A break-glass grant is reviewed by others than its requester, security included
    const { request: breakGlass } = await concierge.intake.create(
      { ...readBody, accessLevel: 'write', durationMinutes: 60, breakGlass: true },
      await as('dev'),
    );
    expect(await actionsOf(breakGlass, 'dev')).not.toContain('review');
    expect(await actionsOf(breakGlass, 'mathieu')).toEqual(['review']);
  });

  it('shows who holds access to everyone, and why, with what approvers said, only to insiders and auditors', async () => {
    const { concierge, approve, as } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create({ ...readBody, ticket: 'SEC-1234' }, await as('dev'));
    await approve(request.id, await as('sofia'), 'ok for INC-42');
    const record = await concierge.views.get(request.id);

    const [outsider] = await concierge.views.toViews([record], await as('other-dev'), true);
    expect(outsider).toMatchObject({ requester: 'user:default/dev', state: 'active', justification: '' });
    expect(outsider.ticket).toBeUndefined();
    expect(outsider.decisions).toEqual([expect.objectContaining({ actor: 'user:default/sofia', comment: undefined })]);

    const auditor = { ...(await as('other-dev')), canAudit: true };
    const [audited] = await concierge.views.toViews([record], auditor, true);
    expect(audited).toMatchObject({ justification: readBody.justification, ticket: 'SEC-1234' });
    expect(audited.decisions[0].comment).toBe('ok for INC-42');
    expect(audited.transitions.map(t => t.to)).toEqual(['pending', 'approved', 'active']);
    // The secret itself is never part of a view
    expect(JSON.stringify(audited)).not.toContain('s3cret');
    expect(audited.credential).toMatchObject({ provider: 'postgres', revealable: true });

    // Why a request was denied is for the requester, not for everyone
    const { request: asked } = await concierge.intake.create(readBody, await as('dev'));
    await concierge.decisions.deny(asked.id, await as('sofia'), 'Use the read replica');
    const denied = await concierge.views.get(asked.id);
    const [deniedToOutsider] = await concierge.views.toViews([denied], await as('other-dev'), true);
    expect(deniedToOutsider.transitions.at(-1)).toEqual(expect.objectContaining({ to: 'denied', reason: undefined }));
    const [deniedToRequester] = await concierge.views.toViews([denied], await as('dev'), true);
    expect(deniedToRequester.transitions.at(-1)).toMatchObject({ to: 'denied', reason: 'Use the read replica' });
  });
});
