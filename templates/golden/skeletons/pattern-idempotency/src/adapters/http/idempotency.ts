import { createHash } from 'node:crypto';
import type { IdempotencyStore } from '../../ports/idempotencyStore.ts';
import { HttpError } from './problem.ts';
import type { HttpRequest, Middleware } from './types.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotency-replayed';

/** Visible ASCII, 1 to 255 characters (as in openapi.yaml). */
const VALID_KEY = /^[\x21-\x7E]{1,255}$/;

/** Headers kept with a stored response (the correlation id is the replaying request's own). */
const KEPT_HEADERS = ['content-type', 'location'];

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** How long a key is remembered. */
  ttlMs: number;
  /** Methods the middleware applies to; POST and PATCH by default. */
  methods?: string[];
  now?: () => number;
}

/** JSON with sorted keys, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(request: HttpRequest): string {
  const body = request.body === undefined ? request.rawBody.toString('base64') : canonical(request.body);
  return createHash('sha256').update(`${request.method}\n${request.path}\n${body}`).digest('hex');
}

/**
 * Idempotency keys (the `Idempotency-Key` header) on mutating requests:
 * - first request with a key: handled, and its response (status < 500) stored;
 * - same key, same method, path and body: the stored response is replayed, marked
 *   `Idempotency-Replayed: true`, and the handler does not run again;
 * - same key with another body (or path): 422;
 * - same key while the first request is still running: 409, retry later;
 * - a 5xx or a crash forgets the key, so that a retry runs again.
 * Requests without the header are handled as usual.
 */
export function idempotency(options: IdempotencyOptions): Middleware {
  const methods = new Set((options.methods ?? ['POST', 'PATCH']).map(method => method.toUpperCase()));
  const now = options.now ?? Date.now;

  return async (request, next) => {
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (!methods.has(request.method) || header === undefined) return next(request);
    const key = Array.isArray(header) ? header[0] : header;
    if (!VALID_KEY.test(key)) {
      throw new HttpError(400, 'Bad Request', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
    }

    const print = fingerprint(request);
    const begun = await options.store.begin(key, print, new Date(now() + options.ttlMs));
    if (begun.outcome !== 'started') {
      if (begun.fingerprint !== print) {
        throw new HttpError(422, 'Unprocessable Content', 'This Idempotency-Key was already used for a different request.');
      }
      if (begun.outcome === 'in-progress') {
        throw new HttpError(409, 'Conflict', 'A request with this Idempotency-Key is still being processed; retry later.', {}, { 'retry-after': '1' });
      }
      const { response } = begun;
      return {
        status: response.status,
        headers: { ...response.headers, [REPLAYED_HEADER]: 'true' },
        ...(response.json !== undefined ? { json: response.json } : {}),
        ...(response.body !== undefined ? { body: response.body } : {}),
      };
    }

    try {
      const response = await next(request);
      if (response.status >= 500) {
        await options.store.release(key);
        return response;
      }
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = response.headers?.[name];
        if (value !== undefined) headers[name] = value;
      }
      await options.store.complete(key, {
        status: response.status,
        headers,
        ...(response.json !== undefined ? { json: response.json } : {}),
        ...(response.body !== undefined ? { body: response.body.toString() } : {}),
      });
      return response;
    } catch (error) {
      if (error instanceof HttpError && error.status < 500) {
        // A refused request (validation, conflict...) is an answer too: store it as such.
        await options.store.complete(key, {
          status: error.status,
          headers: { 'content-type': 'application/problem+json' },
          json: { type: 'about:blank', title: error.title, status: error.status, detail: error.message, correlationId: request.correlationId, ...error.details },
        });
      } else {
        await options.store.release(key);
      }
      throw error;
    }
  };
}
