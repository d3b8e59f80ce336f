import type { IdempotencyBegin, IdempotencyStore, StoredResponse } from '../../ports/idempotencyStore.ts';

interface Entry {
  fingerprint: string;
  expiresAt: number;
  response?: StoredResponse;
}

/** Keys in process memory, for tests and single-instance runs (replicas would not share them). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  async begin(key: string, fingerprint: string, expiresAt: Date): Promise<IdempotencyBegin> {
    this.evictExpired();
    const existing = this.entries.get(key);
    if (!existing) {
      this.entries.set(key, { fingerprint, expiresAt: expiresAt.getTime() });
      return { outcome: 'started' };
    }
    if (!existing.response) return { outcome: 'in-progress', fingerprint: existing.fingerprint };
    return { outcome: 'completed', fingerprint: existing.fingerprint, response: structuredClone(existing.response) };
  }

  async complete(key: string, response: StoredResponse): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) entry.response = structuredClone(response);
  }

  async release(key: string): Promise<void> {
    this.entries.delete(key);
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}
