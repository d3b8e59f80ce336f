import { createHash } from 'node:crypto';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type { Request } from 'express';

/** Options of {@link UserCredentialsCache}. */
export interface UserCredentialsCacheOptions {
  /** How long a verified token is trusted without verifying it again. Default 60 s; 0 turns the cache off. */
  maxAgeMs?: number;
  /** At most this many tokens are remembered; the oldest goes first. Default 1,000. */
  maxEntries?: number;
  /** The clock, for tests. */
  now?: () => number;
}

const BEARER = /^Bearer[ ]+(\S+)$/i;

/**
 * The user credentials of a request, verifying each bearer token once rather than on every call.
 *
 * A Backstage user token is a signed JWT; checking its signature (ES256) was about a tenth of
 * the backend's CPU in the concierge benchmark, three times per request-approve-reveal flow,
 * for the same few tokens over and over. A token that verified stays valid until its `exp`
 * whoever checks it, so its credentials are reused until the earlier of that expiry and
 * `maxAgeMs` after the check. The bound keeps the one difference small: a token signed with a
 * key that the auth backend has since withdrawn is still accepted for at most `maxAgeMs`.
 *
 * Only successes are kept, under the SHA-256 of the token (no bearer token outlives its
 * request in memory); a token that fails is verified again, and fails again, every time.
 */
export class UserCredentialsCache {
  readonly #httpAuth: HttpAuthService;
  readonly #maxAgeMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { credentials: BackstageCredentials<BackstageUserPrincipal>; until: number }>();

  constructor(httpAuth: HttpAuthService, options: UserCredentialsCacheOptions = {}) {
    this.#httpAuth = httpAuth;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#maxEntries = options.maxEntries ?? 1_000;
    this.#now = options.now ?? Date.now;
    if (!(this.#maxAgeMs >= 0) || !Number.isInteger(this.#maxEntries) || this.#maxEntries < 1) {
      throw new Error('UserCredentialsCache needs maxAgeMs >= 0 and a positive whole maxEntries');
    }
  }

  /** The request's user credentials; rejects as `httpAuth.credentials(req, { allow: ['user'] })` does. */
  async credentials(req: Request): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    const header = req.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token || this.#maxAgeMs === 0) return this.#httpAuth.credentials(req, { allow: ['user'] });

    const key = createHash('sha256').update(token).digest('base64');
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit) {
      if (hit.until > now) return hit.credentials;
      this.#entries.delete(key);
    }

    const credentials = await this.#httpAuth.credentials(req, { allow: ['user'] });
    const expiresAt = credentials.expiresAt?.getTime();
    // Without an expiry there is nothing to bound the reuse by: verify every time.
    if (expiresAt === undefined || !Number.isFinite(expiresAt)) return credentials;
    const until = Math.min(expiresAt, now + this.#maxAgeMs);
    if (until > now) {
      if (this.#entries.size >= this.#maxEntries) {
        this.#entries.delete(this.#entries.keys().next().value!);
      }
      this.#entries.set(key, { credentials, until });
    }
    return credentials;
  }

  /** How many verified tokens are remembered now. */
  get size(): number {
    return this.#entries.size;
  }
}
