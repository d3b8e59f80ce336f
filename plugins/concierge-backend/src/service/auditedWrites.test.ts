import { TestDatabases } from '@backstage/backend-test-utils';
import { readBody, setUpConcierge } from './__testUtils__/conciergeTestBed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('the audited writes on %p', databaseId => {
  it('records who was signed in beside the user they acted as (the local demo)', async () => {
    const { concierge, approve, as, store } = await setUpConcierge(databases, databaseId);
    // The guest, signed in, acts as dev to ask, then as sofia to approve
    const devByGuest = { ...(await as('dev')), signedInAs: 'user:default/guest' };
    const sofiaByGuest = { ...(await as('sofia')), signedInAs: 'user:default/guest' };
    const { request } = await concierge.intake.create(readBody, devByGuest);
    await approve(request.id, sofiaByGuest, 'ok');
    await concierge.issuer.revoke(request.id, await as('dev'), 'done');
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
});
