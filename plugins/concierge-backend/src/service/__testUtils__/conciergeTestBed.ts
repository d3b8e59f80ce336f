import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CredentialGrant, CredentialProvider } from '@souverain/plugin-concierge-node';
import { Knex } from 'knex';
import { SecretBox } from '../../crypto/SecretBox';
import { DatabaseConciergeStore } from '../../database/DatabaseConciergeStore';
import { AccessPolicies } from '../../policy/AccessPolicies';
import { Actor } from '../Actor';
import { ConciergeOptions, createConcierge } from '../Concierge';

// The concierge's units wired as the plugin wires them, on a real store (SQLite or PostgreSQL),
// with a small demo catalog and a provider that keeps its credentials in memory.

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

/** Eight members of payments-team, the owner of every test resource. */
export const approverNames = Array.from({ length: 8 }, (_, i) => `approver-${i}`);

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

/** A production read of acme-payments-db for two hours: one approval needed. */
export const readBody = {
  resourceRef: 'resource:default/acme-payments-db',
  accessLevel: 'read' as const,
  durationMinutes: 120,
  justification: 'Investigate refund INC-42 totals',
};

/** A provider that keeps its credentials in a map, and can be told to fail. */
export class RecordingProvider implements CredentialProvider {
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

/** Sets the concierge up on a fresh database, at 2026-11-25 10:00 UTC until `advance` moves time. */
export async function setUpConcierge(databases: TestDatabases, databaseId: Parameters<TestDatabases['init']>[0]) {
  const knex: Knex = await databases.init(databaseId);
  const store = await DatabaseConciergeStore.create(mockServices.database({ knex, migrations: { skip: false } }));
  const provider = new RecordingProvider();
  let now = new Date('2026-11-25T10:00:00.000Z');
  const sent: Array<{ recipients: unknown; title: string }> = [];
  const options: ConciergeOptions = {
    store,
    policies: AccessPolicies.fromConfig(undefined),
    providers: new Map([[provider.id, provider]]),
    catalog: catalogServiceMock({ entities }),
    serviceCredentials: async () => mockCredentials.service(),
    secretBox: new SecretBox('a-test-key-that-is-long-enough-0123456789'),
    logger: mockServices.logger.mock(),
    notificationWindowMs: 0,
    notifications: {
      send: async notification => {
        sent.push({ recipients: notification.recipients, title: notification.payload.title });
      },
    },
    now: () => now,
  };
  const concierge = createConcierge(options);
  const actors = new Map<string, Actor>();
  const as = async (name: string): Promise<Actor> => {
    const ref = `user:default/${name}`;
    if (!actors.has(ref)) {
      actors.set(ref, {
        userEntityRef: ref,
        groups: await concierge.resources.groupsOf(ref),
        credentials: mockCredentials.user(ref),
      });
    }
    return actors.get(ref)!;
  };
  return {
    knex,
    store,
    provider,
    concierge,
    sent,
    as,
    /** Approves, and answers the request after (without its decisions). */
    approve: async (id: string, actor: Actor, comment?: string) =>
      (await concierge.decisions.approve(id, actor, comment)).request,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    /** Another backend replica: its own units on the same database and provider. */
    replica: () => createConcierge(options),
  };
}
