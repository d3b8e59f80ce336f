import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Client } from 'pg';
import { SecretBox } from '../crypto/SecretBox';
import { DatabaseConciergeStore } from '../database/DatabaseConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';
import { PostgresCredentialProvider } from '../providers/PostgresCredentialProvider';
import { Actor } from './Actor';
import { createConcierge } from './Concierge';

// The real PostgreSQL provider, reached through a TCP relay the test can cut: the target's
// server goes down while a grant is issued, then comes back.
jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const runId = randomBytes(4).toString('hex');
const database = `concierge_down_${runId}`;
const rolePrefix = `cd${runId}_`;

/**
 * Forwards a local port to the PostgreSQL server; `down()` refuses and cuts every connection.
 * The port is below Linux's ephemeral range: a free ephemeral port can be taken by an outgoing
 * connection (even one to itself) while the relay is down, and could not be listened on again.
 */
class Relay {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 20_000 + Math.floor(Math.random() * 10_000);

  async up() {
    if (this.server) return;
    this.server = net.createServer(socket => {
      const upstream = net.connect(PG.port, PG.host);
      for (const s of [socket, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', resolve);
    });
  }

  async down() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise(resolve => (this.server ? this.server.close(resolve) : resolve(undefined)));
    this.server = undefined;
  }
}

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'acme-payments-staging-db',
    namespace: 'default',
    annotations: { 'souverain.io/access-target': database },
  },
  spec: { type: 'database', lifecycle: 'staging', owner: 'group:default/payments-team' },
};
const dev: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'dev', namespace: 'default' },
  spec: {},
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments-team' }],
};

const admin = new Client({ ...PG, database: 'postgres' });
const relay = new Relay();

async function rolesLeft(): Promise<string[]> {
  const { rows } = await admin.query('SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) AND rolcanlogin', [
    rolePrefix,
  ]);
  return rows.map(r => r.rolname);
}

beforeAll(async () => {
  await admin.connect();
  const direct = new PostgresCredentialProvider({ connection: PG, rolePrefix, logger: mockServices.logger.mock() });
  try {
    await direct.ensureDatabase(database);
  } finally {
    await direct.close();
  }
  await relay.up();
});

afterAll(async () => {
  await relay.down();
  const { rows } = await admin.query('SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)', [rolePrefix]);
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  for (const { rolname } of rows) await admin.query(`DROP OWNED BY "${rolname}"; DROP ROLE "${rolname}"`);
  await admin.end();
});

describe.each(databases.eachSupportedId())('the target PostgreSQL down, with the store on %p', databaseId => {
  it('fails the grant with the reason, leaves no role, and a retry once it is back issues it', async () => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseConciergeStore.create(mockServices.database({ knex, migrations: { skip: false } }));
    const provider = new PostgresCredentialProvider({
      connection: { ...PG, port: relay.port },
      rolePrefix,
      logger: mockServices.logger.mock(),
    });
    const concierge = createConcierge({
      store,
      policies: AccessPolicies.fromConfig(undefined),
      providers: new Map([[provider.id, provider]]),
      catalog: catalogServiceMock({ entities: [resource, dev] }),
      serviceCredentials: async () => mockCredentials.service(),
      secretBox: new SecretBox('a-test-key-that-is-long-enough-0123456789'),
      logger: mockServices.logger.mock(),
    });
    const actor: Actor = {
      userEntityRef: 'user:default/dev',
      groups: await concierge.resources.groupsOf('user:default/dev'),
      credentials: mockCredentials.user('user:default/dev'),
    };
    try {
      await relay.down();
      const { request } = await concierge.intake.create(
        {
          resourceRef: 'resource:default/acme-payments-staging-db',
          accessLevel: 'read',
          durationMinutes: 30,
          justification: 'Check the staging refunds of INC-77',
        },
        actor,
      );
      expect(request.state).toBe('failed');
      expect(request.failureReason).toMatch(/PostgreSQL server at 127\.0\.0\.1:\d+ is unreachable/);
      expect(await rolesLeft()).toEqual([]);
      const failedActions = (await store.listAudit({ requestId: request.id, limit: 50 })).map(e => e.action);
      expect(failedActions).toContain('credential.issue.failed');
      expect(failedActions).not.toContain('credential.issued');

      await relay.up();
      const retried = await concierge.issuer.retry(request.id, actor);
      expect(retried.state).toBe('active');
      expect(await rolesLeft()).toEqual([retried.credentialReference]);
      const { secret } = await concierge.issuer.reveal(request.id, actor);
      const session = new Client({ connectionString: secret });
      await session.connect();
      try {
        expect((await session.query('SELECT count(*)::int AS n FROM payments')).rows[0].n).toBe(3);
      } finally {
        await session.end();
      }
      await concierge.issuer.revoke(request.id, actor, 'done');
      expect(await rolesLeft()).toEqual([]);
      expect((await store.verifyAudit()).intact).toBe(true);
    } finally {
      await relay.up();
      await provider.close();
    }
  });
});
