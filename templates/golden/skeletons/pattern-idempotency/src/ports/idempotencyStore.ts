/** A response as stored for replay. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body, or the raw body as text. */
  json?: unknown;
  body?: string;
}

export type IdempotencyBegin =
  | { outcome: 'started' }
  | { outcome: 'in-progress'; fingerprint: string }
  | { outcome: 'completed'; fingerprint: string; response: StoredResponse };

/**
 * Where idempotency keys live. `begin` must be atomic (one caller wins a new key): in a
 * database, an INSERT on a unique key; in Redis, SET NX.
 */
export interface IdempotencyStore {
  begin(key: string, fingerprint: string, expiresAt: Date): Promise<IdempotencyBegin>;
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Forgets a key whose request failed, so that the client may retry it. */
  release(key: string): Promise<void>;
}
