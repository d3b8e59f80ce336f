import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * Correlation ids tie together every log line, and every call to another service, made while
 * handling one request. An incoming `x-correlation-id` is kept when it is well formed; otherwise
 * a new one is generated. The id is echoed in the response and propagated on outgoing calls.
 */
export const CORRELATION_HEADER = 'x-correlation-id';

/** Letters, digits and `._:-`, at most 128 characters: safe to log and to echo in a header. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

interface CorrelationContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** The incoming id when it is well formed, a new UUID otherwise. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && WELL_FORMED.test(value) ? value : randomUUID();
}

/** Runs `fn` with `correlationId` as the current id (for the logger and outgoing calls). */
export function runWithCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** The id of the request being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Headers to add to a call to another service, so that its logs carry the same id. */
export function correlationHeaders(): Record<string, string> {
  const id = currentCorrelationId();
  return id === undefined ? {} : { [CORRELATION_HEADER]: id };
}
