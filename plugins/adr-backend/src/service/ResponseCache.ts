/**
 * Serialised answers of the read routes, kept until the index changes.
 *
 * The index only changes when a refresh runs, so answers can be reused: this replica's refreshes
 * clear the cache at once, and entries expire after `ttlMs` so that a refresh run by another
 * replica on the same database shows within that time.
 */
export class ResponseCache {
  private readonly entries = new Map<
    string,
    { expires: number; body: string }
  >();
  private generation = 0;

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number },
  ) {}

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.body;
  }

  /** Changes at every clear: an answer computed before a clear is not stored after it. */
  get currentGeneration(): number {
    return this.generation;
  }

  set(key: string, body: string, generation = this.generation) {
    if (generation !== this.generation) return;
    if (this.entries.size >= this.options.maxEntries) {
      // Drop the oldest entry (Map keeps insertion order)
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { expires: Date.now() + this.options.ttlMs, body });
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }
}
