import type { Response } from 'express';
import { ResponseCache } from './ResponseCache';

/**
 * Answers read routes from the response cache, or computes, stores and sends the answer. Requests
 * for the same answer while it is being computed wait for that one computation instead of each
 * running the query (no stampede on a popular page after a refresh).
 */
export class ReadThroughCache {
  private readonly cache: ResponseCache;
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly ttlMs: number) {
    this.cache = new ResponseCache({ ttlMs, maxEntries: 5000 });
  }

  /** Forgets every answer (the index changed). */
  clear(): void {
    this.cache.clear();
    this.inflight.clear();
  }

  /** Sends the answer for the request's URL, computing it once when it is not cached. */
  async send(
    req: { originalUrl: string },
    res: Response,
    compute: () => Promise<unknown>,
  ) {
    const key = req.originalUrl;
    let body = this.ttlMs > 0 ? this.cache.get(key) : undefined;
    if (body === undefined) {
      let pending = this.inflight.get(key);
      if (!pending) {
        const generation = this.cache.currentGeneration;
        pending = (async () => JSON.stringify(await compute()))();
        this.inflight.set(key, pending);
        pending
          .then(value => {
            if (this.ttlMs > 0) this.cache.set(key, value, generation);
          })
          .catch(() => {})
          .finally(() => {
            if (this.inflight.get(key) === pending) this.inflight.delete(key);
          });
      }
      body = await pending;
    }
    res.type('application/json').send(body);
  }
}
