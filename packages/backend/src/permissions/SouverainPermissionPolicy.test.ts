import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { adrIndexRefreshPermission } from '@souverain/plugin-adr-common';
import {
  conciergeAuditReadPermission,
  conciergeRequestApprovePermission,
  conciergeRequestCreatePermission,
  conciergeRequestRevokePermission,
} from '@souverain/plugin-concierge-common';
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
  name: 'gates.override',
  attributes: { action: 'update' },
});

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { type: 'service', owner: 'group:default/payments-team', lifecycle: 'production' },
};
const openTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'golden-api-service' },
  spec: { type: 'service', steps: [] },
};
const mlTemplate: Entity = {
  ...openTemplate,
  metadata: { name: 'golden-ml-service' },
  spec: {
    type: 'service',
    steps: [],
    allowedGroups: ['group:default/fraud-ml-team', 'group:default/platform-team'],
  },
};

/** Applies a decision to an entity with the catalog's own rule implementations. */
function readable(decision: PolicyDecision, entity: Entity): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  const rules = Object.values(permissionRules) as Array<{
    name: string;
    apply(resource: Entity, params: any): boolean;
  }>;
  const evaluate = (criteria: PermissionCriteria<PermissionCondition>): boolean => {
    if ('allOf' in criteria) return criteria.allOf.every(evaluate);
    if ('anyOf' in criteria) return criteria.anyOf.some(evaluate);
    if ('not' in criteria) return !evaluate(criteria.not);
    const rule = rules.find(r => r.name === criteria.rule);
    if (!rule) throw new Error(`unknown rule ${criteria.rule}`);
    return rule.apply(entity, criteria.params);
  };
  return evaluate(decision.conditions);
}

describe('SouverainPermissionPolicy', () => {
  it('lets a signed-in user read the catalog but not an anonymous caller', async () => {
    const decision = await policy.handle({ permission: catalogEntityReadPermission }, developer);
    expect(readable(decision, component)).toBe(true);
    expect(readable(decision, openTemplate)).toBe(true);
    expect(
      await policy.handle({ permission: catalogEntityReadPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('shows a template with spec.allowedGroups only to members of those groups', async () => {
    const paymentsDeveloper = await policy.handle(
      { permission: catalogEntityReadPermission },
      developer,
    );
    const mlEngineer = await policy.handle(
      { permission: catalogEntityReadPermission },
      userWith('user:default/amira.haddad', 'group:default/Fraud-ML-Team'),
    );
    expect(readable(paymentsDeveloper, mlTemplate)).toBe(false);
    expect(readable(mlEngineer, mlTemplate)).toBe(true);
    // Other entities and unrestricted templates stay readable for both
    expect(readable(mlEngineer, openTemplate)).toBe(true);
    expect(readable(paymentsDeveloper, component)).toBe(true);
    // The same criteria become a catalog query, so lists are filtered in the database too
    expect(paymentsDeveloper.result).toBe(AuthorizeResult.CONDITIONAL);
    // Admins see everything
    expect(
      await policy.handle({ permission: catalogEntityReadPermission }, admin),
    ).toEqual({ result: AuthorizeResult.ALLOW });
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

  it('opens the concierge to every user and its audit log to auditors only', async () => {
    const security = userWith('user:default/sofia.martin', 'group:default/security-team');
    for (const permission of [
      conciergeRequestCreatePermission,
      conciergeRequestApprovePermission,
      conciergeRequestRevokePermission,
    ]) {
      expect(await policy.handle({ permission }, developer)).toEqual({ result: AuthorizeResult.ALLOW });
    }
    expect(await policy.handle({ permission: conciergeAuditReadPermission }, developer)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: conciergeAuditReadPermission }, security)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    const configured = new SouverainPermissionPolicy({ admins: [], auditors: ['user:default/lea.dubois'] });
    expect(await configured.handle({ permission: conciergeAuditReadPermission }, developer)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await configured.handle({ permission: conciergeAuditReadPermission }, security)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
