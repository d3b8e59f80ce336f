import { createHash, randomBytes } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { AccessLevel } from '@souverain/plugin-concierge-common';
import {
  CredentialGrant,
  CredentialProvider,
  IssuedCredential,
} from '@souverain/plugin-concierge-node';
import { Client, Pool, escapeIdentifier, escapeLiteral } from 'pg';
import { scramSha256Verifier } from './scramVerifier';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
/** The role name is the prefix plus 24 hex characters and must fit PostgreSQL's 63. */
const ROLE_PREFIX = /^[a-z_][a-z0-9_]{0,38}$/;
const REQUEST_HEX_LENGTH = 24;

/**
 * The iteration count of an issued role's SCRAM verifier. RFC 7677's 4096 is meant to slow the
 * guessing of passwords people choose, from a stolen `pg_authid`. The concierge's passwords are
 * 256 random bits that live a few hours, so the count adds nothing an attacker would notice
 * (12 bits against 256). Its cost is real: PostgreSQL runs one full key derivation on every
 * CREATE ROLE to check that the password is not the empty one (about 7 ms of the server's CPU
 * at 4096 on the benchmark machine, the bulk of an issue), and every login of the credential
 * pays it again on the client. Configurable (`scramIterations`) for policies that demand more.
 */
export const DEFAULT_SCRAM_ITERATIONS = 256;
const MAX_SCRAM_ITERATIONS = 10_000_000;

/**
 * Concurrent GRANT/REVOKE on the same table or database fail with "tuple concurrently
 * updated", so every statement that changes ACLs takes this transaction-scoped advisory
 * lock first (per database; it also serialises across concierge replicas).
 */
const ACL_LOCK = `SELECT pg_advisory_xact_lock(${0x536f7576})`;

const PRIVILEGES: Record<
  AccessLevel,
  { schema: string; tables: string; sequences: string }
> = {
  read: { schema: 'USAGE', tables: 'SELECT', sequences: 'SELECT' },
  write: {
    schema: 'USAGE',
    tables: 'SELECT, INSERT, UPDATE, DELETE',
    sequences: 'SELECT, USAGE',
  },
  admin: {
    schema: 'USAGE, CREATE',
    tables: 'ALL PRIVILEGES',
    sequences: 'ALL PRIVILEGES',
  },
};

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  '57P03', // cannot_connect_now: the server is starting up or shutting down
]);

/** Options of {@link PostgresCredentialProvider}. */
export interface PostgresCredentialProviderOptions {
  /** An administrative login that may create roles and grant on the target databases. */
  connection: {
    host: string;
    port: number;
    user: string;
    password?: string;
    /** The database the admin connects to for role management; defaults to `postgres`. */
    database?: string;
  };
  /** The host written into handed-out connection strings; defaults to `connection.host`. */
  publicHost?: string;
  /** How many sessions an issued role may hold at once; defaults to 2. */
  connectionLimit?: number;
  /** The prefix of every role this provider creates; defaults to `concierge_`. */
  rolePrefix?: string;
  /**
   * PBKDF2 iterations of each issued role's SCRAM-SHA-256 verifier; defaults to
   * {@link DEFAULT_SCRAM_ITERATIONS}. See the constant for why it is below RFC 7677's 4096.
   */
  scramIterations?: number;
  logger: LoggerService;
}

/** Issues short-lived PostgreSQL login roles scoped to one database and access level. */
export class PostgresCredentialProvider implements CredentialProvider {
  readonly id = 'postgres';

  readonly #connection: Required<
    Omit<PostgresCredentialProviderOptions['connection'], 'password'>
  > & { password?: string };
  readonly #publicHost: string;
  readonly #connectionLimit: number;
  readonly #rolePrefix: string;
  readonly #scramIterations: number;
  readonly #logger: LoggerService;
  readonly #pools = new Map<string, Pool>();
  /** Group roles holding each database's privileges per level, set up once every few minutes. */
  readonly #groups = new Map<string, { ready: Promise<string>; until: number }>();

  constructor(options: PostgresCredentialProviderOptions) {
    const { connection } = options;
    this.#connection = {
      ...connection,
      database: checkDatabaseName(connection.database ?? 'postgres'),
    };
    this.#publicHost = options.publicHost ?? connection.host;
    this.#connectionLimit = options.connectionLimit ?? 2;
    this.#rolePrefix = options.rolePrefix ?? 'concierge_';
    this.#scramIterations = options.scramIterations ?? DEFAULT_SCRAM_ITERATIONS;
    this.#logger = options.logger;
    if (!Number.isInteger(this.#connectionLimit) || this.#connectionLimit < 1) {
      throw new InputError('connectionLimit must be a positive integer');
    }
    if (
      !Number.isInteger(this.#scramIterations) ||
      this.#scramIterations < 1 ||
      this.#scramIterations > MAX_SCRAM_ITERATIONS
    ) {
      throw new InputError(
        `scramIterations must be an integer from 1 to ${MAX_SCRAM_ITERATIONS}, got ${options.scramIterations}`,
      );
    }
    if (!ROLE_PREFIX.test(this.#rolePrefix)) {
      throw new InputError(
        `rolePrefix must match ${ROLE_PREFIX} so that role names stay valid identifiers`,
      );
    }
  }

  async issue(grant: CredentialGrant): Promise<IssuedCredential> {
    const role = this.#roleNameFor(grant.requestId);
    const database = checkDatabaseName(grant.target);
    const privileges = PRIVILEGES[grant.accessLevel];
    if (!privileges) {
      throw new InputError(`Unknown access level "${grant.accessLevel}"`);
    }
    const validUntil = grant.expiresAt.toISOString();
    const password = randomBytes(32).toString('base64url');
    // PostgreSQL receives only the SCRAM verifier: the password never crosses the wire or lands
    // in the server's log. The server still runs one derivation at the verifier's count (its
    // empty-password check), hence the low default count (see DEFAULT_SCRAM_ITERATIONS).
    const verifier = await scramSha256Verifier(password, {
      iterations: this.#scramIterations,
    });

    // The privileges live on a group role per database and level; the login role only joins
    // it. Creating a role is one statement that never contends with another issue, where
    // granting on each table did (PostgreSQL serialises concurrent ACL changes on one object).
    // Setting up the group also proves the database exists (a clear error when it does not).
    const group = await this.#ensureGroup(database, grant.accessLevel);
    const create = () =>
      this.#query(
        this.#connection.database,
        `CREATE ROLE ${escapeIdentifier(role)} LOGIN INHERIT PASSWORD ${escapeLiteral(verifier)}
           VALID UNTIL ${escapeLiteral(validUntil)}
           CONNECTION LIMIT ${this.#connectionLimit}
           IN ROLE ${escapeIdentifier(group)}`,
        [],
        [password, verifier],
      );
    try {
      await create().catch(async error => {
        if ((error as { code?: string }).code !== '42710') throw error;
        // An earlier attempt was interrupted: replace its role rather than trust its password.
        await this.#dropRole(role);
        await create();
      });
    } catch (error) {
      await this.#dropRoleQuietly(role);
      throw error;
    }

    this.#logger.info(
      `Issued PostgreSQL role ${role} with ${grant.accessLevel} access to database "${database}" until ${validUntil}`,
    );
    return {
      reference: role,
      kind: 'PostgreSQL connection string',
      secret: `postgresql://${role}:${encodeURIComponent(password)}@${
        this.#publicHost
      }:${this.#connection.port}/${encodeURIComponent(database)}`,
      details: {
        host: this.#publicHost,
        port: String(this.#connection.port),
        database,
        role,
        accessLevel: grant.accessLevel,
        validUntil,
      },
    };
  }

  async revoke(options: {
    requestId: string;
    reference: string;
    target: string;
  }): Promise<void> {
    const role = this.#checkReference(options.reference);
    // The target is not needed (the role's dependencies say where it holds privileges),
    // but a malformed one means the caller is confused, so it is refused all the same.
    if (options.target !== '') {
      checkDatabaseName(options.target);
    }
    await this.#dropRole(role);
    this.#logger.info(`Revoked PostgreSQL role ${role}`);
  }

  async listIssued(): Promise<Array<{ reference: string; target: string }>> {
    const { rows } = await this.#query<{ rolname: string }>(
      this.#connection.database,
      'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) ORDER BY rolname',
      [this.#rolePrefix],
    );
    // Login roles only: the prefix and 24 hex digits (group roles are `<prefix>g_...`).
    const issued = new RegExp(`^${this.#rolePrefix}[0-9a-f]{${REQUEST_HEX_LENGTH}}$`);
    return rows
      .filter(row => issued.test(row.rolname))
      .map(row => ({ reference: row.rolname, target: '' }));
  }

  async healthCheck(): Promise<void> {
    // A fresh client rather than the pool, so a saturated pool does not read as an outage.
    const client = new Client({
      ...this.#connection,
      connectionTimeoutMillis: 2000,
      query_timeout: 2000,
      application_name: 'souverain-concierge',
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw new Error(this.#describe(error, this.#connection.database));
    } finally {
      await client.end().catch(() => {});
    }
  }

  /** Creates the database with a small `payments` demo table if they are missing. */
  async ensureDatabase(name: string): Promise<void> {
    const database = checkDatabaseName(name);
    const { rowCount } = await this.#query(
      this.#connection.database,
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [database],
    );
    if (!rowCount) {
      await this.#query(
        this.#connection.database,
        `CREATE DATABASE ${escapeIdentifier(database)}`,
      ).catch(ignoreCodes('42P04', '23505')); // created concurrently
    }
    const {
      rows: [table],
    } = await this.#query<{ present: boolean }>(
      database,
      `SELECT to_regclass('public.payments') IS NOT NULL AS present`,
    );
    if (!table.present) {
      await this.#query(
        database,
        `CREATE TABLE public.payments (
           id serial PRIMARY KEY,
           amount_cents int NOT NULL,
           created_at timestamptz DEFAULT now()
         );
         INSERT INTO public.payments (amount_cents) VALUES (1250), (4999), (320)`,
      ).catch(ignoreCodes('42P07', '23505')); // created concurrently
    }
  }

  /** Ends every connection pool; the provider must not be used afterwards. */
  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map(pool => pool.end()));
  }

  /**
   * The group role holding `level` on `database`: created if missing, with CONNECT, the level's
   * privileges on every schema, table and sequence, and default privileges for tables the admin
   * login creates later. Re-applied every five minutes to cover tables created by others.
   */
  #ensureGroup(database: string, level: AccessLevel): Promise<string> {
    const key = `${database}|${level}`;
    const known = this.#groups.get(key);
    if (known && known.until > Date.now()) return known.ready;
    const group = checkRoleName(
      `${this.#rolePrefix}g_${createHash('sha256').update(database).digest('hex').slice(0, 12)}_${level}`,
    );
    const g = escapeIdentifier(group);
    const ready = (async () => {
      const { rowCount } = await this.#query(
        this.#connection.database,
        'SELECT 1 FROM pg_database WHERE datname = $1',
        [database],
      );
      if (!rowCount) throw new Error(this.#databaseMissing(database));
      await this.#query(
        this.#connection.database,
        `${ACL_LOCK};
         DO $ensure$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${escapeLiteral(group)}) THEN
             CREATE ROLE ${g} NOLOGIN;
           END IF;
         END $ensure$;
         GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${g}`,
      );
      await this.#query(database, grantStatement(group, PRIVILEGES[level]));
      return group;
    })();
    this.#groups.set(key, { ready, until: Date.now() + 5 * 60_000 });
    ready.catch(() => this.#groups.delete(key));
    return ready;
  }

  /** The login role a request's credential gets. */
  referenceFor(requestId: string): string {
    return this.#roleNameFor(requestId);
  }

  #roleNameFor(requestId: string): string {
    const hex = requestId.replace(/-/g, '').toLowerCase();
    if (!/^[0-9a-f]+$/.test(hex) || hex.length < REQUEST_HEX_LENGTH) {
      throw new InputError(
        `A request id must hold at least ${REQUEST_HEX_LENGTH} hex digits to name a PostgreSQL role`,
      );
    }
    return checkRoleName(this.#rolePrefix + hex.slice(0, REQUEST_HEX_LENGTH));
  }

  #checkReference(reference: string): string {
    if (!reference.startsWith(this.#rolePrefix) || !ROLE_NAME.test(reference)) {
      throw new InputError(
        `"${reference}" is not a role issued by this provider`,
      );
    }
    return reference;
  }

  /** Removes the role and everything granted to it; succeeds when it is already gone. */
  async #dropRole(role: string): Promise<void> {
    const admin = this.#connection.database;
    const r = escapeIdentifier(role);
    try {
      const {
        rows: [found],
      } = await this.#query<{ oid: number }>(
        admin,
        'SELECT oid FROM pg_roles WHERE rolname = $1',
        [role],
      );
      if (!found) {
        return;
      }
      // Terminated clients reconnect; refuse them before terminating.
      await this.#query(admin, `ALTER ROLE ${r} NOLOGIN`);
      await this.#query(
        admin,
        'SELECT pg_terminate_backend(pid, 2000) FROM pg_stat_activity WHERE usename = $1',
        [role],
      );
      // Where the role owns objects or holds privileges, which DROP ROLE would refuse over.
      const { rows: databases } = await this.#query<{ datname: string }>(
        admin,
        `SELECT DISTINCT d.datname FROM pg_shdepend s
           JOIN pg_database d ON d.oid = s.dbid
          WHERE s.refclassid = 'pg_authid'::regclass AND s.refobjid = $1
            AND d.datname <> current_database()`,
        [found.oid],
      );
      for (const { datname } of databases) {
        if (!DATABASE_NAME.test(datname)) {
          this.#logger.warn(
            `Role ${role} holds privileges in a database whose name this provider does not handle; DROP ROLE may fail`,
          );
          continue;
        }
        // Objects an admin grant created are kept, owned by the concierge's admin login.
        await this.#query(
          datname,
          `${ACL_LOCK}; REASSIGN OWNED BY ${r} TO CURRENT_USER; DROP OWNED BY ${r}`,
        ).catch(ignoreCodes('3D000')); // the database was dropped meanwhile
      }
      await this.#query(
        admin,
        `${ACL_LOCK};
         REASSIGN OWNED BY ${r} TO CURRENT_USER;
         DROP OWNED BY ${r};
         DROP ROLE IF EXISTS ${r}`,
      );
    } catch (error) {
      // A concurrent revoke may have dropped it half-way through ours.
      const { rowCount } = await this.#query(
        admin,
        'SELECT 1 FROM pg_roles WHERE rolname = $1',
        [role],
      );
      if (rowCount) {
        throw error;
      }
    }
  }

  async #dropRoleQuietly(role: string): Promise<void> {
    try {
      await this.#dropRole(role);
    } catch (error) {
      this.#logger.warn(
        `Could not remove PostgreSQL role ${role} after a failed issue; the concierge's sweep will retry: ${
          (error as Error).message
        }`,
      );
    }
  }

  #pool(database: string): Pool {
    let pool = this.#pools.get(database);
    if (!pool) {
      pool = new Pool({
        ...this.#connection,
        database,
        // Issuing takes three short round trips; at 20 simultaneous approvals a pool of 4 was
        // the queue (benchmark: p95 of approve+issue 250 -> see docs/benchmarks.md).
        max: database === this.#connection.database ? 10 : 6,
        idleTimeoutMillis: 10_000,
        connectionTimeoutMillis: 3000,
        application_name: 'souverain-concierge',
      });
      // Without a listener, a server closing an idle connection would crash the process.
      pool.on('error', error =>
        this.#logger.warn(
          `Idle PostgreSQL connection to database "${database}" failed: ${this.#redact(
            error.message,
          )}`,
        ),
      );
      this.#pools.set(database, pool);
    }
    return pool;
  }

  /** Runs SQL with errors rewritten to name the database and host but no secret. */
  async #query<R extends object = Record<string, unknown>>(
    database: string,
    sql: string,
    params: unknown[] = [],
    secrets: string[] = [],
  ): Promise<{ rows: R[]; rowCount: number }> {
    try {
      const result = await this.#pool(database).query(sql, params);
      // A multi-statement query answers with one result per statement; the last one matters.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last.rows as R[], rowCount: last.rowCount ?? 0 };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '3D000') {
        const pool = this.#pools.get(database);
        this.#pools.delete(database);
        pool?.end().catch(() => {});
      }
      const failure = new Error(this.#describe(error, database, secrets));
      Object.assign(failure, { code });
      throw failure;
    }
  }

  #describe(error: unknown, database: string, secrets: string[] = []): string {
    const { code, message } = error as { code?: string; message?: string };
    const address = `${this.#connection.host}:${this.#connection.port}`;
    if (code === '3D000') {
      return this.#databaseMissing(database);
    }
    const detail = this.#redact(String(message ?? error), secrets);
    if (
      (code && UNREACHABLE_CODES.has(code)) ||
      /timeout|terminated unexpectedly/i.test(detail)
    ) {
      return `PostgreSQL server at ${address} is unreachable: ${detail}`;
    }
    return `PostgreSQL at ${address}, database "${database}": ${detail}`;
  }

  #databaseMissing(database: string): string {
    return `database "${database}" does not exist on ${this.#connection.host}:${
      this.#connection.port
    }`;
  }

  #redact(text: string, secrets: string[] = []): string {
    let redacted = text;
    for (const secret of [this.#connection.password, ...secrets]) {
      if (secret) {
        redacted = redacted.split(secret).join('***');
      }
    }
    return redacted;
  }
}

function checkRoleName(name: string): string {
  if (!ROLE_NAME.test(name)) {
    throw new InputError(`"${name}" is not a valid PostgreSQL role name`);
  }
  return name;
}

function checkDatabaseName(name: string): string {
  if (!DATABASE_NAME.test(name)) {
    throw new InputError(
      `Database name must match ${DATABASE_NAME}, got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

function ignoreCodes(...codes: string[]) {
  return (error: unknown) => {
    if (!codes.includes((error as { code?: string }).code ?? '')) {
      throw error;
    }
  };
}

/** One statement granting the level's privileges in every non-system schema of the database. */
function grantStatement(
  role: string,
  privileges: { schema: string; tables: string; sequences: string },
): string {
  const grantee = escapeLiteral(role);
  return `${ACL_LOCK};
    DO $grant$
    DECLARE s name;
    BEGIN
      FOR s IN SELECT nspname FROM pg_namespace
                WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'
      LOOP
        EXECUTE format('GRANT ${privileges.schema} ON SCHEMA %I TO %I', s, ${grantee});
        EXECUTE format('GRANT ${privileges.tables} ON ALL TABLES IN SCHEMA %I TO %I', s, ${grantee});
        EXECUTE format('GRANT ${privileges.sequences} ON ALL SEQUENCES IN SCHEMA %I TO %I', s, ${grantee});
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT ${privileges.tables} ON TABLES TO %I', s, ${grantee});
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT ${privileges.sequences} ON SEQUENCES TO %I', s, ${grantee});
      END LOOP;
    END
    $grant$`;
}
