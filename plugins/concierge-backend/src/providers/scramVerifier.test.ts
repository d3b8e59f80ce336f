import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { scramSha256Verifier } from './scramVerifier';

// PostgreSQL is the reference: a role created from a plain password gets the verifier the
// server derived itself, and ours, built from the same salt, must be that very string.
const admin = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const role = `scram_test_${randomBytes(4).toString('hex')}`;

beforeAll(() => admin.connect());
afterAll(async () => {
  await admin.query(`DROP ROLE IF EXISTS "${role}"`);
  await admin.end();
});

/** Splits `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. */
function parts(verifier: string) {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (!match) throw new Error(`not a SCRAM-SHA-256 verifier: ${verifier}`);
  return { iterations: Number(match[1]), salt: Buffer.from(match[2], 'base64') };
}

describe('scramSha256Verifier', () => {
  it('derives exactly the verifier PostgreSQL stores for the same password and salt', async () => {
    const password = randomBytes(32).toString('base64url');
    await admin.query("SET password_encryption = 'scram-sha-256'");
    await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
    const { rows } = await admin.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role]);
    const stored: string = rows[0].rolpassword;

    const ours = await scramSha256Verifier(password, parts(stored));
    expect(ours).toBe(stored);
    // Another password with that salt gives another verifier.
    expect(await scramSha256Verifier(`${password}x`, parts(stored))).not.toBe(stored);
  });

  it('uses a fresh 16-byte salt and PostgreSQL’s 4096 iterations by default', async () => {
    const a = parts(await scramSha256Verifier('same-password'));
    const b = parts(await scramSha256Verifier('same-password'));
    expect(a.iterations).toBe(4096);
    expect(a.salt).toHaveLength(16);
    expect(a.salt.equals(b.salt)).toBe(false);
  });

  it('refuses passwords SASLprep would change rather than build a verifier that cannot log in', async () => {
    await expect(scramSha256Verifier('pässword')).rejects.toThrow(/visible ASCII/);
    await expect(scramSha256Verifier('with space')).rejects.toThrow(/visible ASCII/);
    await expect(scramSha256Verifier('')).rejects.toThrow(/visible ASCII/);
  });
});
