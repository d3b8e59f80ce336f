import { AuthService, BackstageCredentials, coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import express from 'express';
import { SignJWT } from 'jose';
import request from 'supertest';
import { VerifiedTokenCache, verifiedTokenHttpAuthServiceFactory } from './VerifiedTokenCache';

const start = Date.parse('2026-12-04T10:00:00Z');
const secret = new TextEncoder().encode('a-test-secret-only-for-this-test-file');

/** A real signed JWT (HS256, as far as this test cares), expiring at `exp` (ms). */
const jwt = (sub: string, exp?: number) => {
  const token = new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(Math.floor(start / 1000));
  return (exp === undefined ? token : token.setExpirationTime(Math.floor(exp / 1000))).sign(secret);
};

/**
 * An auth service that knows some tokens and counts how often it is asked: the cache must
 * answer as it does, asking it less.
 */
function fakeAuth(clock: { now: number }) {
  const users = new Map<string, { user: string; expiresAt?: number }>();
  const calls: string[] = [];
  const auth = {
    async authenticate(token: string, options?: { allowLimitedAccess?: boolean }) {
      const known = users.get(token);
      calls.push(`${known?.user ?? 'unknown'}${options?.allowLimitedAccess ? ' (limited)' : ''}`);
      if (!known || (known.expiresAt !== undefined && known.expiresAt <= clock.now)) {
        throw new AuthenticationError('Failed user token verification');
      }
      return {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: known.user },
        ...(known.expiresAt !== undefined ? { expiresAt: new Date(known.expiresAt) } : {}),
      } as BackstageCredentials;
    },
  } as unknown as AuthService;
  return { auth, users, calls };
}

const userOf = (credentials: BackstageCredentials) => (credentials.principal as { userEntityRef: string }).userEntityRef;

describe('VerifiedTokenCache', () => {
  it('verifies a token once and answers later calls with the same user, each token with its own', async () => {
    const clock = { now: start };
    const { auth, users, calls } = fakeAuth(clock);
    const ana = await jwt('ana', start + 3600_000);
    const bob = await jwt('bob', start + 3600_000);
    users.set(ana, { user: 'user:default/ana', expiresAt: start + 3600_000 });
    users.set(bob, { user: 'user:default/bob', expiresAt: start + 3600_000 });
    const cache = new VerifiedTokenCache(auth, { now: () => clock.now });
    for (let i = 0; i < 5; i += 1) {
      expect(userOf(await cache.authenticate(ana))).toBe('user:default/ana');
      expect(userOf(await cache.authenticate(bob))).toBe('user:default/bob');
    }
    expect(calls).toEqual(['user:default/ana', 'user:default/bob']);
    // Limited access is a different question, with its own answer
    await cache.authenticate(ana, { allowLimitedAccess: true });
    expect(calls).toEqual(['user:default/ana', 'user:default/bob', 'user:default/ana (limited)']);
  });

  it('verifies again after maxAgeMs, and never past the token`s own exp nor the credentials` expiry', async () => {
    const clock = { now: start };
    const { auth, users, calls } = fakeAuth(clock);
    const long = await jwt('long', start + 3600_000);
    // A token whose exp comes before its credentials' expiry (a plugin token on behalf of a user)
    const shortToken = await jwt('short', start + 10_000);
    // Credentials that expire before the token says
    const shortCredentials = await jwt('short-credentials', start + 3600_000);
    users.set(long, { user: 'user:default/long', expiresAt: start + 3600_000 });
    users.set(shortToken, { user: 'user:default/short', expiresAt: start + 3600_000 });
    users.set(shortCredentials, { user: 'user:default/short-credentials', expiresAt: start + 20_000 });
    const cache = new VerifiedTokenCache(auth, { maxAgeMs: 60_000, now: () => clock.now });
    for (const token of [long, shortToken, shortCredentials]) await cache.authenticate(token);

    clock.now = start + 10_000; // the short token's exp: asked again (the fake still says yes)
    await cache.authenticate(shortToken);
    await cache.authenticate(shortCredentials);
    await cache.authenticate(long);
    expect(calls).toEqual(['user:default/long', 'user:default/short', 'user:default/short-credentials', 'user:default/short']);

    clock.now = start + 20_000; // the credentials' expiry: asked again, and refused
    await expect(cache.authenticate(shortCredentials)).rejects.toThrow(AuthenticationError);
    clock.now = start + 60_000; // maxAgeMs after the long token's check
    await cache.authenticate(long);
    expect(calls.slice(4)).toEqual(['user:default/short-credentials', 'user:default/long']);
  });

  it('remembers no failure, nor a token without an expiry', async () => {
    const clock = { now: start };
    const { auth, users, calls } = fakeAuth(clock);
    const forever = await jwt('forever');
    users.set(forever, { user: 'user:default/forever' });
    users.set('not-a-jwt', { user: 'user:default/opaque', expiresAt: start + 3600_000 });
    const forged = await jwt('forged', start + 3600_000);
    const cache = new VerifiedTokenCache(auth, { now: () => clock.now });
    for (let i = 0; i < 2; i += 1) {
      await expect(cache.authenticate(forged)).rejects.toThrow('Failed user token verification');
      await cache.authenticate(forever);
      await cache.authenticate('not-a-jwt');
    }
    expect(calls).toEqual(['unknown', 'user:default/forever', 'user:default/opaque', 'unknown', 'user:default/forever', 'user:default/opaque']);
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries tokens, letting the oldest go first', async () => {
    const clock = { now: start };
    const { auth, users, calls } = fakeAuth(clock);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(name => jwt(name, start + 3600_000)));
    users.set(a, { user: 'a', expiresAt: start + 3600_000 });
    users.set(b, { user: 'b', expiresAt: start + 3600_000 });
    users.set(c, { user: 'c', expiresAt: start + 3600_000 });
    const cache = new VerifiedTokenCache(auth, { maxEntries: 2, now: () => clock.now });
    for (const token of [a, b, c, c, b, a]) await cache.authenticate(token);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
    expect(cache.size).toBe(2);
  });

  it('refuses settings that make no sense', () => {
    const { auth } = fakeAuth({ now: start });
    expect(() => new VerifiedTokenCache(auth, { maxAgeMs: 0 })).toThrow(/maxAgeMs/);
    expect(() => new VerifiedTokenCache(auth, { maxEntries: 0 })).toThrow(/maxEntries/);
  });
});

describe('verifiedTokenHttpAuthServiceFactory', () => {
  const whoami = createBackendPlugin({
    pluginId: 'whoami',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
        async init({ httpRouter, httpAuth }) {
          const router = express.Router();
          router.get('/me', async (req, res) => {
            const credentials = await httpAuth.credentials(req, { allow: ['user'] });
            res.json({ user: credentials.principal.userEntityRef });
          });
          httpRouter.use(router);
        },
      });
    },
  });

  it('serves plugins with the HTTP auth service, which still refuses a request without a user', async () => {
    const { server } = await startTestBackend({ features: [whoami, verifiedTokenHttpAuthServiceFactory] });
    const me = await request(server).get('/api/whoami/me').set('Authorization', 'Bearer mock-user-token:{"sub":"user:default/ana"}');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: 'user:default/ana' });
    expect((await request(server).get('/api/whoami/me')).status).toBe(401);
    expect((await request(server).get('/api/whoami/me').set('Authorization', 'Bearer not-a-token')).status).toBe(401);
  });

  it('refuses to start with a reuse longer than five minutes', async () => {
    await expect(
      startTestBackend({
        features: [
          whoami,
          verifiedTokenHttpAuthServiceFactory,
          mockServices.rootConfig.factory({ data: { souverain: { auth: { verifiedTokenCacheSeconds: 3600 } } } }),
        ],
      }),
    ).rejects.toThrow('souverain.auth.verifiedTokenCacheSeconds must be from 0 to 300 seconds, got 3600');
  });
});
