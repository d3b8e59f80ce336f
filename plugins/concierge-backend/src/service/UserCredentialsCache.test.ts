import { BackstageCredentials, BackstageUserPrincipal, HttpAuthService } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import type { Request } from 'express';
import { UserCredentialsCache } from './UserCredentialsCache';

/**
 * An httpAuth that knows a few tokens, each valid until its own expiry, and counts how often it
 * is asked: the cache must answer as it does, asking it less.
 */
function fakeHttpAuth(clock: { now: number }) {
  const tokens = new Map<string, { user: string; expiresAt?: number }>();
  const calls: string[] = [];
  const httpAuth = {
    async credentials(req: Request) {
      const token = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      calls.push(token);
      const known = tokens.get(token);
      if (!known || (known.expiresAt !== undefined && known.expiresAt <= clock.now)) {
        throw new AuthenticationError(token ? 'Failed user token verification' : 'Missing credentials');
      }
      return {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: known.user },
        ...(known.expiresAt !== undefined ? { expiresAt: new Date(known.expiresAt) } : {}),
      } as BackstageCredentials<BackstageUserPrincipal>;
    },
  } as unknown as HttpAuthService;
  return { httpAuth, tokens, calls };
}

const withToken = (token?: string) =>
  ({ headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }) as Request;

describe('UserCredentialsCache', () => {
  const start = Date.parse('2026-12-04T10:00:00Z');

  it('checks a token once and answers later calls with the same user, each token with its own', async () => {
    const clock = { now: start };
    const { httpAuth, tokens, calls } = fakeHttpAuth(clock);
    tokens.set('token-of-ana', { user: 'user:default/ana', expiresAt: start + 3600_000 });
    tokens.set('token-of-bob', { user: 'user:default/bob', expiresAt: start + 3600_000 });
    const cache = new UserCredentialsCache(httpAuth, { now: () => clock.now });

    for (let i = 0; i < 5; i += 1) {
      expect((await cache.credentials(withToken('token-of-ana'))).principal.userEntityRef).toBe('user:default/ana');
      expect((await cache.credentials(withToken('token-of-bob'))).principal.userEntityRef).toBe('user:default/bob');
    }
    expect(calls).toEqual(['token-of-ana', 'token-of-bob']);
  });

  it('checks again after maxAgeMs, and never trusts a token past its own expiry', async () => {
    const clock = { now: start };
    const { httpAuth, tokens, calls } = fakeHttpAuth(clock);
    tokens.set('long', { user: 'user:default/ana', expiresAt: start + 3600_000 });
    tokens.set('short', { user: 'user:default/bob', expiresAt: start + 10_000 });
    const cache = new UserCredentialsCache(httpAuth, { maxAgeMs: 60_000, now: () => clock.now });
    await cache.credentials(withToken('long'));
    await cache.credentials(withToken('short'));

    clock.now = start + 10_000; // the short token's expiry: refused, although it was checked 10 s ago
    await expect(cache.credentials(withToken('short'))).rejects.toThrow(AuthenticationError);
    await cache.credentials(withToken('long'));
    expect(calls).toEqual(['long', 'short', 'short']);

    clock.now = start + 60_000; // maxAgeMs after the long token's check: checked again
    await cache.credentials(withToken('long'));
    expect(calls).toEqual(['long', 'short', 'short', 'long']);
  });

  it('remembers no failure: a bad or missing token is refused on every call', async () => {
    const clock = { now: start };
    const { httpAuth, calls } = fakeHttpAuth(clock);
    const cache = new UserCredentialsCache(httpAuth, { now: () => clock.now });
    for (let i = 0; i < 3; i += 1) {
      await expect(cache.credentials(withToken('forged'))).rejects.toThrow('Failed user token verification');
      await expect(cache.credentials(withToken())).rejects.toThrow('Missing credentials');
    }
    expect(calls).toEqual(['forged', '', 'forged', '', 'forged', '']);
    expect(cache.size).toBe(0);
  });

  it('does not reuse credentials that carry no expiry, nor any with maxAgeMs 0', async () => {
    const clock = { now: start };
    const { httpAuth, tokens, calls } = fakeHttpAuth(clock);
    tokens.set('no-exp', { user: 'user:default/ana' });
    tokens.set('exp', { user: 'user:default/bob', expiresAt: start + 3600_000 });
    const cache = new UserCredentialsCache(httpAuth, { now: () => clock.now });
    await cache.credentials(withToken('no-exp'));
    await cache.credentials(withToken('no-exp'));
    const off = new UserCredentialsCache(httpAuth, { maxAgeMs: 0, now: () => clock.now });
    await off.credentials(withToken('exp'));
    await off.credentials(withToken('exp'));
    expect(calls).toEqual(['no-exp', 'no-exp', 'exp', 'exp']);
  });

  it('holds at most maxEntries tokens, letting the oldest go first', async () => {
    const clock = { now: start };
    const { httpAuth, tokens, calls } = fakeHttpAuth(clock);
    for (const name of ['a', 'b', 'c']) tokens.set(name, { user: `user:default/${name}`, expiresAt: start + 3600_000 });
    const cache = new UserCredentialsCache(httpAuth, { maxEntries: 2, now: () => clock.now });
    await cache.credentials(withToken('a'));
    await cache.credentials(withToken('b'));
    await cache.credentials(withToken('c')); // a goes
    expect(cache.size).toBe(2);
    await cache.credentials(withToken('c'));
    await cache.credentials(withToken('b'));
    await cache.credentials(withToken('a')); // checked again
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('refuses settings that make no sense', () => {
    const { httpAuth } = fakeHttpAuth({ now: start });
    expect(() => new UserCredentialsCache(httpAuth, { maxAgeMs: -1 })).toThrow(/maxAgeMs/);
    expect(() => new UserCredentialsCache(httpAuth, { maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
