import { createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstagePrincipalTypes,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DefaultHttpAuthService } from '@backstage/backend-defaults/httpAuth';
import { decodeJwt } from 'jose';

/** Options of {@link VerifiedTokenCache}. */
export interface VerifiedTokenCacheOptions {
  /** How long a verified token is trusted without verifying it again, in ms. Default 60 s. */
  maxAgeMs?: number;
  /** At most this many tokens are remembered; the oldest goes first. Default 10,000. */
  maxEntries?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** The longest reuse that config may ask for. */
export const MAX_TOKEN_CACHE_SECONDS = 300;

/**
 * An {@link AuthService} that verifies each incoming token once and then reuses its
 * credentials, and otherwise does what the service it wraps does.
 *
 * Every request to a plugin is authenticated by the HTTP router's credentials barrier, which
 * checks the token's ES256 signature: in the concierge benchmark that was about a sixth of the
 * backend's CPU, for the same few tokens over and over. A token that verified stays valid until
 * its own `exp` whoever checks it, so its credentials are reused until the earliest of that
 * `exp`, the credentials' own expiry and `maxAgeMs` after the check. The last bound keeps the one
 * difference small: a token signed with a key that its issuer has since withdrawn is still
 * accepted for at most `maxAgeMs`.
 *
 * Only successes are kept, keyed by the SHA-256 of the token and whether limited access was
 * allowed (no bearer token outlives its request in memory). A token that fails is verified
 * again, and fails again, every time; one without an expiry is never reused.
 */
export class VerifiedTokenCache implements AuthService {
  readonly #auth: AuthService;
  readonly #maxAgeMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { credentials: BackstageCredentials; until: number }>();

  constructor(auth: AuthService, options: VerifiedTokenCacheOptions = {}) {
    this.#auth = auth;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    if (!(this.#maxAgeMs > 0) || !Number.isInteger(this.#maxEntries) || this.#maxEntries < 1) {
      throw new Error('VerifiedTokenCache needs maxAgeMs > 0 and a positive whole maxEntries');
    }
  }

  async authenticate(token: string, options?: { allowLimitedAccess?: boolean }): Promise<BackstageCredentials> {
    const key = `${options?.allowLimitedAccess ? 'L' : 'F'}${createHash('sha256').update(token).digest('base64')}`;
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit) {
      if (hit.until > now) return hit.credentials;
      this.#entries.delete(key);
    }
    const credentials = await this.#auth.authenticate(token, options);
    const until = Math.min(now + this.#maxAgeMs, expiryOf(token), credentials.expiresAt?.getTime() ?? Infinity);
    if (until > now) {
      if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(key, { credentials, until });
    }
    return credentials;
  }

  /** How many verified tokens are remembered now. */
  get size(): number {
    return this.#entries.size;
  }

  isPrincipal<TType extends keyof BackstagePrincipalTypes>(
    credentials: BackstageCredentials,
    type: TType,
  ): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]> {
    return this.#auth.isPrincipal(credentials, type);
  }

  getNoneCredentials(): Promise<BackstageCredentials<BackstageNonePrincipal>> {
    return this.#auth.getNoneCredentials();
  }

  getOwnServiceCredentials(): Promise<BackstageCredentials<BackstageServicePrincipal>> {
    return this.#auth.getOwnServiceCredentials();
  }

  getPluginRequestToken(options: { onBehalfOf: BackstageCredentials; targetPluginId: string }) {
    return this.#auth.getPluginRequestToken(options);
  }

  getLimitedUserToken(credentials: BackstageCredentials<BackstageUserPrincipal>) {
    return this.#auth.getLimitedUserToken(credentials);
  }

  listPublicServiceKeys() {
    return this.#auth.listPublicServiceKeys();
  }
}

/** The token's own `exp` in ms; -Infinity (never reuse) when it has none or is not a JWT. */
function expiryOf(token: string): number {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : -Infinity;
  } catch {
    return -Infinity;
  }
}

/**
 * Backstage's HTTP auth service, on a {@link VerifiedTokenCache} around each plugin's auth
 * service. `souverain.auth.verifiedTokenCacheSeconds` sets the reuse (0 to 300, default 60);
 * 0 verifies every request as Backstage does by default.
 */
export const verifiedTokenHttpAuthServiceFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: {
    auth: coreServices.auth,
    discovery: coreServices.discovery,
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
  },
  async factory({ auth, discovery, plugin, config }) {
    const key = 'souverain.auth.verifiedTokenCacheSeconds';
    const seconds = config.getOptionalNumber(key) ?? 60;
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_TOKEN_CACHE_SECONDS) {
      throw new Error(`${key} must be from 0 to ${MAX_TOKEN_CACHE_SECONDS} seconds, got ${seconds}`);
    }
    return DefaultHttpAuthService.create({
      auth: seconds > 0 ? new VerifiedTokenCache(auth, { maxAgeMs: seconds * 1000 }) : auth,
      discovery,
      pluginId: plugin.getId(),
    });
  },
});
