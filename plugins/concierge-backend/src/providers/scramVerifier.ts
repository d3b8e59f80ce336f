import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** PostgreSQL's own default for `password_encryption = scram-sha-256` (RFC 7677's minimum). */
const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password`, in the form `CREATE ROLE ...
 * PASSWORD` accepts as already encrypted (RFC 5802 §3; PostgreSQL's `scram_build_secret`):
 *
 *   SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
 *
 * Sending the verifier instead of the password keeps the password off the wire and out of the
 * server's statement log, and lets the caller choose the iteration count even on servers older
 * than PostgreSQL 16, which lack `scram_iterations`. The key derivation runs on Node's thread
 * pool, off the event loop.
 *
 * The password must be visible ASCII (no spaces or control characters), which SASLprep leaves
 * as it is; the concierge's are base64url.
 */
export async function scramSha256Verifier(
  password: string,
  options: { salt?: Buffer; iterations?: number } = {},
): Promise<string> {
  if (!/^[\x21-\x7e]+$/.test(password)) {
    throw new TypeError(
      'A SCRAM verifier is only built here for passwords of visible ASCII characters, which SASLprep leaves as they are',
    );
  }
  const salt = options.salt ?? randomBytes(16);
  const iterations = options.iterations ?? SCRAM_ITERATIONS;
  const salted = await pbkdf2Async(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString(
    'base64',
  )}:${serverKey.toString('base64')}`;
}
