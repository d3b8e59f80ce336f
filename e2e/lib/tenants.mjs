// Tenant databases on the test PostgreSQL server, for the concierge's tests and benchmark: the
// credentials it hands out are real roles on them.
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root, TEST_POSTGRES_URL } from './backend.mjs';

export const pg = createRequire(path.join(root, 'plugins/concierge-backend/package.json'))('pg');

/** Runs SQL as the server's admin, on one database. */
export async function adminQuery(database, sql, params = []) {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${encodeURIComponent(database)}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** A fresh tenant database with a `payments` table of three rows. */
export async function createTenantDatabase(name) {
  await adminQuery('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery('postgres', `CREATE DATABASE "${name}"`);
  await adminQuery(name, 'CREATE TABLE payments (id serial primary key, amount_cents int not null)');
  await adminQuery(name, 'INSERT INTO payments (amount_cents) VALUES (1200), (4500), (990)');
}

/**
 * Drops every database whose name starts with `prefix`, and the concierge's group roles for
 * them (`concierge_g_<12 hex of the name's SHA-256>_<level>`, which outlive the database).
 */
export async function dropTenantDatabases(prefix) {
  const { rows } = await adminQuery('postgres', 'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
  for (const { datname } of rows) {
    await adminQuery('postgres', `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    const hash = crypto.createHash('sha256').update(datname).digest('hex').slice(0, 12);
    for (const level of ['read', 'write', 'admin']) {
      await adminQuery('postgres', `DROP ROLE IF EXISTS "concierge_g_${hash}_${level}"`);
    }
  }
}

/** The login role the PostgreSQL provider gives a request. */
export const roleOf = requestId => `concierge_${requestId.replace(/-/g, '').slice(0, 24)}`;

/** The request's role, if it exists on the server. */
export async function rolesOf(requestId) {
  const { rows } = await adminQuery('postgres', 'SELECT rolname FROM pg_roles WHERE rolname = $1', [roleOf(requestId)]);
  return rows.map(r => r.rolname);
}
