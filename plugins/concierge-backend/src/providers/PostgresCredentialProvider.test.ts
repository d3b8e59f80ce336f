import { randomBytes, randomUUID } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AccessLevel } from '@souverain/plugin-concierge-common';
import { CredentialGrant } from '@souverain/plugin-concierge-node';
import { Client } from 'pg';
import {
  DEFAULT_SCRAM_ITERATIONS,
  PostgresCredentialProvider,
} from './PostgresCredentialProvider';
import { scramSha256Verifier } from './scramVerifier';

jest.setTimeout(30_000);

// The local server trusts 127.0.0.1, so this is never sent; it only has to stay out of errors.
const ADMIN_PASSWORD = 'admin-secret-never-shown';
const connection = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  password: ADMIN_PASSWORD,
};
const runId = randomBytes(4).toString('hex');
const database = `concierge_test_${runId}`;
const rolePrefix = `ct${runId}_`;

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'acme-payments' },
  spec: { type: 'database', owner: 'group:default/payments-team' },
};

function grant(overrides: Partial<CredentialGrant> = {}): CredentialGrant {
  return {
    requestId: randomUUID(),
    requester: 'user:default/alice',
    resource,
    resourceRef: 'resource:default/acme-payments',
    target: database,
    accessLevel: 'read',
    expiresAt: new Date(Date.now() + 30 * 60_000),
    ...overrides,
  };
}

const admin = new Client({ ...connection, database: 'postgres' });
const provider = new PostgresCredentialProvider({
  connection,
  rolePrefix,
  logger: mockServices.logger.mock(),
});
const openClients: Client[] = [];

async function connectAs(connectionString: string): Promise<Client> {
  const client = new Client({ connectionString });
  // A terminated session reports on the client; the test looks at the next query instead.
  client.on('error', () => {});
  openClients.push(client);
  await client.connect();
  return client;
}

async function roleRow(role: string) {
  const { rows } = await admin.query(
    'SELECT rolname, rolvaliduntil, rolconnlimit, rolcanlogin FROM pg_roles WHERE rolname = $1',
    [role],
  );
  return rows[0];
}

async function issue(
  level: AccessLevel,
  overrides: Partial<CredentialGrant> = {},
) {
  return provider.issue(grant({ accessLevel: level, ...overrides }));
}

beforeAll(async () => {
  await admin.connect();
  await provider.ensureDatabase(database);
});

afterAll(async () => {
  await Promise.all(openClients.map(client => client.end().catch(() => {})));
  await provider.close();
  const { rows } = await admin.query(
    'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)',
    [rolePrefix],
  );
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  for (const { rolname } of rows) {
    await admin.query(`DROP OWNED BY "${rolname}"; DROP ROLE "${rolname}"`);
  }
  await admin.end();
});

describe('PostgresCredentialProvider', () => {
  it('creates the demo database once, with three payments', async () => {
    await provider.ensureDatabase(database);
    const client = new Client({ ...connection, database });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT count(*)::int AS n FROM payments',
      );
      expect(rows[0].n).toBe(3);
    } finally {
      await client.end();
    }
  });

  it('hands out a read-only login that can select but not insert', async () => {
    const credential = await issue('read');

    expect(credential.kind).toBe('PostgreSQL connection string');
    expect(credential.secret).toMatch(
      new RegExp(
        `^postgresql://${credential.reference}:[^@]+@127\\.0\\.0\\.1:5432/${database}$`,
      ),
    );
    expect(credential.details).toMatchObject({
      host: '127.0.0.1',
      port: '5432',
      database,
      role: credential.reference,
      accessLevel: 'read',
    });
    expect(JSON.stringify(credential)).not.toContain(ADMIN_PASSWORD);

    const client = await connectAs(credential.secret);
    const { rows } = await client.query(
      'SELECT count(*)::int AS n FROM payments',
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(3);
    await expect(
      client.query('INSERT INTO payments (amount_cents) VALUES (1)'),
    ).rejects.toThrow(/permission denied/);
  });

  it('hands out a write login that can insert but not create tables', async () => {
    const credential = await issue('write');
    const client = await connectAs(credential.secret);

    const { rows } = await client.query(
      'INSERT INTO payments (amount_cents) VALUES (777) RETURNING id',
    );
    expect(rows[0].id).toBeGreaterThan(3);
    await expect(client.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('hands out an admin login that can create tables, and revoking it keeps them', async () => {
    const credential = await issue('admin');
    const client = await connectAs(credential.secret);
    await client.query('CREATE TABLE refunds_scratch (id int)');
    await client.query('DELETE FROM payments WHERE amount_cents = 777');

    await provider.revoke({
      requestId: '',
      reference: credential.reference,
      target: database,
    });

    expect(await roleRow(credential.reference)).toBeUndefined();
    const owner = new Client({ ...connection, database });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        `SELECT tableowner FROM pg_tables WHERE tablename = 'refunds_scratch'`,
      );
      expect(rows).toEqual([{ tableowner: 'postgres' }]);
    } finally {
      await owner.end();
    }
  });

  it('sets the expiry and the connection limit on the role', async () => {
    const expiresAt = new Date('2099-01-02T03:04:05.000Z');
    const credential = await issue('read', { expiresAt });

    const row = await roleRow(credential.reference);
    expect(row.rolvaliduntil.toISOString()).toBe(expiresAt.toISOString());
    expect(row.rolconnlimit).toBe(2);
    expect(credential.details.validUntil).toBe(expiresAt.toISOString());
  });

  it('sends PostgreSQL only the SCRAM verifier of the password it hands out', async () => {
    const credential = await issue('read');
    const password = decodeURIComponent(new URL(credential.secret).password);
    const { rows } = await admin.query(
      'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
      [credential.reference],
    );
    const stored: string = rows[0].rolpassword;
    const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored) ?? [];
    expect(Number(iterations)).toBe(DEFAULT_SCRAM_ITERATIONS);
    // The stored verifier is the one of the handed-out password: a scram-sha-256 login works.
    expect(
      await scramSha256Verifier(password, {
        salt: Buffer.from(salt, 'base64'),
        iterations: Number(iterations),
      }),
    ).toBe(stored);
    expect(stored).not.toContain(password);
  });

  it('derives the verifier with the configured iteration count, and refuses a bad one', async () => {
    const strict = new PostgresCredentialProvider({
      connection,
      rolePrefix,
      scramIterations: 4096,
      logger: mockServices.logger.mock(),
    });
    try {
      const credential = await strict.issue(grant());
      const { rows } = await admin.query(
        'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
        [credential.reference],
      );
      expect(rows[0].rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    } finally {
      await strict.close();
    }
    for (const scramIterations of [0, -1, 1.5, Number.NaN, 20_000_000]) {
      expect(
        () =>
          new PostgresCredentialProvider({
            connection,
            scramIterations,
            logger: mockServices.logger.mock(),
          }),
      ).toThrow(/scramIterations must be an integer from 1 to 10000000/);
    }
  });

  it('replaces the role of an interrupted attempt when issuing again', async () => {
    const requestId = randomUUID();
    const first = await issue('write', { requestId });
    const firstSession = await connectAs(first.secret);

    const second = await issue('write', { requestId });

    expect(second.reference).toBe(first.reference);
    expect(second.secret).not.toBe(first.secret);
    const { rows } = await admin.query(
      'SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1',
      [first.reference],
    );
    expect(rows[0].n).toBe(1);
    await expect(firstSession.query('SELECT 1')).rejects.toThrow();
    const client = await connectAs(second.secret);
    await expect(
      client.query('SELECT count(*) FROM payments'),
    ).resolves.toBeDefined();
  });

  it('revokes: ends open sessions, drops the role, refuses new logins, and can be repeated', async () => {
    const credential = await issue('write');
    const session = await connectAs(credential.secret);
    await session.query('SELECT 1');

    await provider.revoke({
      requestId: '',
      reference: credential.reference,
      target: database,
    });

    await expect(session.query('SELECT 1')).rejects.toThrow();
    expect(await roleRow(credential.reference)).toBeUndefined();
    await expect(connectAs(credential.secret)).rejects.toThrow(
      /does not exist/,
    );
    await expect(
      provider.revoke({
        requestId: '',
        reference: credential.reference,
        target: database,
      }),
    ).resolves.toBeUndefined();
  });

  it('lists the roles it issued and revokes them without knowing the database', async () => {
    const credential = await issue('write');

    const issued = await provider.listIssued();
    expect(issued).toContainEqual({
      reference: credential.reference,
      target: '',
    });
    expect(issued.every(item => item.reference.startsWith(rolePrefix))).toBe(
      true,
    );

    await provider.revoke({
      requestId: '',
      reference: credential.reference,
      target: '',
    });
    expect(await roleRow(credential.reference)).toBeUndefined();
  });

  it('fails clearly on a missing database and leaves no role behind', async () => {
    const requestId = randomUUID();
    const error = await issue('read', {
      requestId,
      target: 'acme_payments_missing',
    }).catch(e => e);

    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      'database "acme_payments_missing" does not exist on 127.0.0.1:5432',
    );
    expect(error.message).not.toContain(ADMIN_PASSWORD);
    const role = `${rolePrefix}${requestId.replace(/-/g, '').slice(0, 24)}`;
    expect(await roleRow(role)).toBeUndefined();
  });

  it('fails clearly when the server is down, without the admin password', async () => {
    const down = new PostgresCredentialProvider({
      connection: { ...connection, port: 1 },
      rolePrefix,
      logger: mockServices.logger.mock(),
    });
    try {
      const error = await down.issue(grant()).catch(e => e);
      expect(error.message).toMatch(
        /PostgreSQL server at 127\.0\.0\.1:1 is unreachable/,
      );
      expect(error.message).not.toContain(ADMIN_PASSWORD);
      await expect(down.healthCheck()).rejects.toThrow(/127\.0\.0\.1:1/);
    } finally {
      await down.close();
    }
  });

  it('rejects identifiers that could inject SQL', async () => {
    const evil = 'x"; DROP ROLE postgres; --';

    await expect(issue('read', { target: evil })).rejects.toThrow(
      /Database name/,
    );
    await expect(issue('read', { requestId: evil })).rejects.toThrow(
      /request id/,
    );
    await expect(
      provider.revoke({ requestId: '', reference: evil, target: database }),
    ).rejects.toThrow(/not a role issued by this provider/);
    await expect(
      provider.revoke({
        requestId: '',
        reference: 'postgres',
        target: database,
      }),
    ).rejects.toThrow(/not a role issued by this provider/);
    await expect(
      provider.revoke({
        requestId: '',
        reference: `${rolePrefix}abc`,
        target: evil,
      }),
    ).rejects.toThrow(/Database name/);
    await expect(provider.ensureDatabase(evil)).rejects.toThrow(
      /Database name/,
    );
    expect(await roleRow('postgres')).toBeDefined();
  });

  it('issues 20 credentials for one database at once', async () => {
    const started = Date.now();
    const credentials = await Promise.all(
      Array.from({ length: 20 }, (_, i) => issue(i % 2 ? 'read' : 'write')),
    );
    const elapsed = Date.now() - started;

    expect(new Set(credentials.map(c => c.reference)).size).toBe(20);
    expect(elapsed).toBeLessThan(3000);
    await Promise.all(
      credentials.map(c =>
        provider.revoke({
          requestId: '',
          reference: c.reference,
          target: database,
        }),
      ),
    );
    const { rows } = await admin.query(
      'SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ANY($1)',
      [credentials.map(c => c.reference)],
    );
    expect(rows[0].n).toBe(0);
  });

  it('answers the health check', async () => {
    await expect(provider.healthCheck()).resolves.toBeUndefined();
  });
});
