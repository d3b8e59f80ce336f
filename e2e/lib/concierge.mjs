// A client of one backend's concierge API for tests and the benchmark: as the signed-in user, or
// as a demo user through the act-as header.
import { fetchRetry } from './backend.mjs';

/**
 * For startBackend's `entry`: the portal's backend whose `postgres` credential provider kills the
 * process when asked to issue, so a test can crash a backend between an approval and its credential.
 */
export const CRASH_BEFORE_ISSUE_BACKEND = 'e2e/fixtures/crash-backend/index.cjs';

/** `call(method, route, { body, as, headers })` resolves to `{ status, ok, body, headers, ms }`. */
export function conciergeClient(baseUrl, getToken) {
  return async function call(method, route, { body, as, headers = {} } = {}) {
    const started = performance.now();
    const res = await fetchRetry(`${baseUrl}/api/concierge${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${getToken()}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(as ? { 'x-souverain-act-as': as } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, ok: res.ok, body: json, headers: res.headers, ms };
  };
}
