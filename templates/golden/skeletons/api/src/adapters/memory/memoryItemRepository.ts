import type { Item } from '../../core/item.ts';
import type { ItemRepository } from '../../ports/itemRepository.ts';

/** Items in process memory: lost on restart, not shared between replicas. For tests and local runs. */
export class MemoryItemRepository implements ItemRepository {
  protected readonly items = new Map<string, Item>();

  async insert(item: Item): Promise<void> {
    if (this.items.has(item.id)) throw new Error(`Duplicate id ${item.id}`);
    this.items.set(item.id, structuredClone(item));
  }

  async findById(id: string): Promise<Item | undefined> {
    const item = this.items.get(id);
    return item && structuredClone(item);
  }

  async findByName(name: string): Promise<Item | undefined> {
    for (const item of this.items.values()) {
      if (item.name === name) return structuredClone(item);
    }
    return undefined;
  }

  async list(limit: number, offset: number): Promise<Item[]> {
    return [...this.items.values()].slice(offset, offset + limit).map(item => structuredClone(item));
  }

  async count(): Promise<number> {
    return this.items.size;
  }

  async ping(): Promise<boolean> {
    return true;
  }
}
