import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { AccessPolicies } from './AccessPolicies';

function resource(spec: Record<string, unknown>, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'db', namespace: 'default', annotations },
    spec: { type: 'database', owner: 'payments-team', ...spec },
  };
}

describe('AccessPolicies', () => {
  const defaults = AccessPolicies.fromConfig(undefined);

  it('ships the blueprint defaults, first match wins', () => {
    const prod = resource({ lifecycle: 'production' });
    expect(defaults.decide(prod, 'read')).toMatchObject({
      policy: { name: 'production-read', approvals: 1, maxDurationMinutes: 480 },
      approverGroups: ['group:default/payments-team', 'group:default/security-team'],
    });
    // Changing production is for the owner team to approve, nobody else
    expect(defaults.decide(prod, 'write')).toMatchObject({
      policy: { name: 'production-write', approvals: 1, maxDurationMinutes: 240, breakGlass: true },
      approverGroups: ['group:default/payments-team'],
    });
    expect(defaults.decide(prod, 'admin')?.approverGroups).toEqual(['group:default/payments-team']);
    expect(defaults.decide(resource({ lifecycle: 'staging' }), 'read')?.policy).toMatchObject({
      name: 'non-production-read',
      approvals: 0,
      maxDurationMinutes: 480,
    });
    // PII comes first, whatever the lifecycle
    expect(
      defaults.decide(resource({ lifecycle: 'staging' }, { 'souverain.io/data-classification': 'pii' }), 'read')?.policy,
    ).toMatchObject({ name: 'pii', approvals: 2 });
    expect(defaults.decide(resource({ lifecycle: 'staging' }), 'admin')?.policy.name).toBe('default');
    expect(defaults.breakGlass).toEqual({
      maxDurationMinutes: 60,
      reviewWithinMinutes: 1440,
      notifyGroups: ['group:default/security-team'],
    });
  });

  it('reads policies from config and matches tenants', () => {
    const policies = AccessPolicies.fromConfig(
      new ConfigReader({
        policies: [
          {
            name: 'acme-read',
            match: { tenant: ['acme'], accessLevel: ['read'] },
            maxDuration: 'PT2H',
            approvals: 1,
            approverGroups: ['owner', 'sre-team'],
          },
          { name: 'rest', maxDuration: 'PT30M', approvals: 1 },
        ],
      }),
    );
    const acme = resource({ lifecycle: 'production' }, { 'souverain.io/tenant': 'acme' });
    expect(policies.decide(acme, 'read')).toMatchObject({
      policy: { name: 'acme-read', maxDurationMinutes: 120 },
      approverGroups: ['group:default/payments-team', 'group:default/sre-team'],
    });
    expect(policies.decide(acme, 'write')?.policy).toMatchObject({ name: 'rest', maxDurationMinutes: 30 });
  });

  it('refuses a bad policy at start, naming every bad key', () => {
    expect(() =>
      AccessPolicies.fromObjects([
        { name: 'Bad Name', maxDuration: '8 hours', approvals: 3 },
        { name: 'ok', maxDuration: 'PT1H', approvals: 1, match: { colour: ['red'] } },
        { name: 'ok', maxDuration: 'PT1H', approvals: 1, approverGroups: ['user:default/bob'] },
      ]),
    ).toThrow(
      /policies\[0\]\.name: must be lower-case.*policies\[0\]\.maxDuration: "8 hours" is not an ISO-8601 duration.*policies\[0\]\.approvals.*policies\[1\]\.match: Unrecognized key.*colour.*policies\[2\]\.approverGroups\.0: "user:default\/bob" is neither "owner" nor a group reference/,
    );
    expect(() => AccessPolicies.fromObjects([])).toThrow(/at least one policy is needed/);
    expect(() =>
      AccessPolicies.fromObjects([
        { name: 'same', maxDuration: 'PT1H', approvals: 0 },
        { name: 'same', maxDuration: 'PT1H', approvals: 0 },
      ]),
    ).toThrow(/"same" is used twice/);
  });

  it('leaves a resource no policy matches without a decision', () => {
    const narrow = AccessPolicies.fromObjects([
      { name: 'only-queues', match: { type: ['queue'] }, maxDuration: 'PT1H', approvals: 1 },
    ]);
    expect(narrow.decide(resource({ lifecycle: 'production' }), 'read')).toBeUndefined();
  });
});
