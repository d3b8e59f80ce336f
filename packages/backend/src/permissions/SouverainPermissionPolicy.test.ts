import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { adrIndexRefreshPermission } from '@souverain/plugin-adr-common';
import { SouverainPermissionPolicy } from './SouverainPermissionPolicy';

function userWith(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 'token',
    credentials: {} as any,
  } as unknown as PolicyQueryUser;
}

const policy = new SouverainPermissionPolicy({
  admins: ['group:default/platform-team'],
});
const developer = userWith('user:default/lea.dubois', 'group:default/payments-team');
const admin = userWith('user:default/hugo.bernard', 'group:default/Platform-Team');
const somethingElse = createPermission({
  name: 'concierge.request.approve',
  attributes: { action: 'update' },
});

describe('SouverainPermissionPolicy', () => {
  it('lets a signed-in user read the catalog but not an anonymous caller', async () => {
    expect(
      await policy.handle({ permission: catalogEntityReadPermission }, developer),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle({ permission: catalogEntityReadPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets a user delete only entities their groups own', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      developer,
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(JSON.stringify(decision)).toContain('group:default/payments-team');
    expect(
      await policy.handle({ permission: catalogLocationDeletePermission }, developer),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies mutations no rule names, except to admins (group refs compared case-insensitively)', async () => {
    expect(await policy.handle({ permission: somethingElse }, developer)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: somethingElse }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle({ permission: catalogLocationDeletePermission }, admin),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('keeps forcing a refresh of the decision index for admins', async () => {
    expect(await policy.handle({ permission: adrIndexRefreshPermission }, developer)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: adrIndexRefreshPermission }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
