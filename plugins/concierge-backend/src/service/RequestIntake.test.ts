import { TestDatabases } from '@backstage/backend-test-utils';
import { readBody, setUpConcierge } from './__testUtils__/conciergeTestBed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('RequestIntake on %p', databaseId => {
  it('refuses bad requests with the status a user can act on', async () => {
    const { concierge, as } = await setUpConcierge(databases, databaseId);
    await expect(
      concierge.intake.create({ ...readBody, resourceRef: 'resource:default/nope-db' }, await as('dev')),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      concierge.intake.create({ ...readBody, durationMinutes: 600 }, await as('dev')),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('maximum of 480 minutes (8 h)'),
    });
    await expect(
      concierge.intake.create({ ...readBody, resourceRef: 'component:default/payments-api' }, await as('dev')),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      concierge.intake.create(
        { ...readBody, resourceRef: 'resource:default/acme-payments-staging-db', accessLevel: 'write', breakGlass: true },
        await as('dev'),
      ),
    ).rejects.toMatchObject({ name: 'InputError', message: expect.stringContaining('Break-glass') });
  });

  it('replays an idempotent create and rejects a reused key with another body', async () => {
    const { concierge, as, store } = await setUpConcierge(databases, databaseId);
    const dev = await as('dev');
    const first = await concierge.intake.create(readBody, dev, 'key-0001-abcdef');
    const again = await concierge.intake.create(readBody, dev, 'key-0001-abcdef');
    expect(again).toMatchObject({ replayed: true, request: { id: first.request.id } });
    await expect(
      concierge.intake.create({ ...readBody, durationMinutes: 60 }, dev, 'key-0001-abcdef'),
    ).rejects.toMatchObject({ statusCode: 422 });
    const concurrent = await Promise.all(
      Array.from({ length: 6 }, () => concierge.intake.create(readBody, dev, 'key-0002-abcdef')),
    );
    expect(new Set(concurrent.map(c => c.request.id)).size).toBe(1);
    expect((await store.listRequests({ requester: dev.userEntityRef })).totalCount).toBe(2);
    expect(await store.verifyAudit()).toMatchObject({ intact: true });
  });

  it('grants break-glass access at once, tells security and asks for a review', async () => {
    const { concierge, as, sent, store } = await setUpConcierge(databases, databaseId);
    const { request } = await concierge.intake.create(
      { ...readBody, accessLevel: 'write', durationMinutes: 60, breakGlass: true },
      await as('dev'),
    );
    expect(request.state).toBe('active');
    expect(request.reviewDueAt).toBe('2026-11-26T10:00:00.000Z');
    expect(sent.some(s => JSON.stringify(s.recipients).includes('security-team') && s.title.startsWith('Break-glass'))).toBe(true);
    await expect(
      concierge.intake.create({ ...readBody, accessLevel: 'write', durationMinutes: 120, breakGlass: true }, await as('dev')),
    ).rejects.toMatchObject({ message: expect.stringContaining('maximum of 60 minutes') });
    await expect(concierge.decisions.review(request.id, await as('dev'), 'fine')).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect((await store.listRequests({ unreviewedBreakGlass: true })).items.map(r => r.id)).toEqual([request.id]);
    const reviewed = await concierge.decisions.review(request.id, await as('sofia'), 'justified by INC-42');
    expect(reviewed.reviewedBy).toBe('user:default/sofia');
    expect((await store.listRequests({ unreviewedBreakGlass: true })).totalCount).toBe(0);
  });
});
