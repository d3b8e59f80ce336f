import { itemCreated } from '../../core/itemEvents.ts';
import type { Item } from '../../core/item.ts';
import type { Outbox, OutboxEntry } from '../../ports/outbox.ts';
import { MemoryItemRepository } from './memoryItemRepository.ts';

export interface MemoryItemStoreWithOutboxOptions {
  newId: () => string;
  now: () => Date;
}

/**
 * The in-memory item repository plus an outbox. `insert` stores the item and its
 * `item.created` event in one step: both or neither, which is what one database transaction
 * gives a real adapter:
 *
 *   BEGIN;
 *   INSERT INTO items (...) VALUES (...);
 *   INSERT INTO outbox (id, type, aggregate_id, occurred_at, payload) VALUES (...);
 *   COMMIT;
 */
export class MemoryItemStoreWithOutbox extends MemoryItemRepository implements Outbox {
  private readonly entries: OutboxEntry[] = [];
  private readonly options: MemoryItemStoreWithOutboxOptions;

  constructor(options: MemoryItemStoreWithOutboxOptions) {
    super();
    this.options = options;
  }

  override async insert(item: Item): Promise<void> {
    const event = itemCreated(item, this.options.newId(), this.options.now());
    if (this.items.has(item.id)) throw new Error(`Duplicate id ${item.id}`);
    // Both writes happen synchronously, with no await in between: nothing can observe one
    // without the other.
    this.items.set(item.id, structuredClone(item));
    this.entries.push({ ...structuredClone(event), attempts: 0 });
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    return this.entries
      .filter(entry => entry.publishedAt === undefined)
      .slice(0, limit)
      .map(entry => structuredClone(entry));
  }

  async markPublished(id: string, at: Date): Promise<void> {
    const entry = this.entries.find(candidate => candidate.id === id);
    if (entry) entry.publishedAt = at.toISOString();
  }

  async markFailed(id: string, error: string): Promise<void> {
    const entry = this.entries.find(candidate => candidate.id === id);
    if (entry) {
      entry.attempts += 1;
      entry.lastError = error;
    }
  }
}
