import type { Item } from '../core/item.ts';

/** Storage of items. The in-memory adapter serves tests and local runs; a real deployment plugs a database adapter here. */
export interface ItemRepository {
  insert(item: Item): Promise<void>;
  findById(id: string): Promise<Item | undefined>;
  findByName(name: string): Promise<Item | undefined>;
  /** Oldest first. */
  list(limit: number, offset: number): Promise<Item[]>;
  count(): Promise<number>;
  /** True when the storage answers (used by /readyz). */
  ping(): Promise<boolean>;
}
