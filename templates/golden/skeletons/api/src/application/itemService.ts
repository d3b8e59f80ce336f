import { ConflictError, NotFoundError } from '../core/errors.ts';
import { checkPage, parseNewItem, type Item, type ItemPage } from '../core/item.ts';
import type { ItemRepository } from '../ports/itemRepository.ts';

// The use cases of the example domain: the core's rules applied through the ItemRepository
// port. No I/O of its own: storage comes through the port, ids and time are injected, and the
// composition root (src/app.ts) chooses the adapters.

export interface ItemServiceDependencies {
  repository: ItemRepository;
  newId: () => string;
  now: () => Date;
}

export interface ItemService {
  create(input: unknown): Promise<Item>;
  get(id: string): Promise<Item>;
  list(page: { limit: number; offset: number }): Promise<ItemPage>;
}

export function createItemService(deps: ItemServiceDependencies): ItemService {
  return {
    async create(input) {
      const fields = parseNewItem(input);
      if (await deps.repository.findByName(fields.name)) {
        throw new ConflictError(`An item named "${fields.name}" already exists.`);
      }
      const item: Item = { id: deps.newId(), ...fields, createdAt: deps.now().toISOString() };
      await deps.repository.insert(item);
      return item;
    },

    async get(id) {
      const item = await deps.repository.findById(id);
      if (!item) throw new NotFoundError(`No item with id ${id}.`);
      return item;
    },

    async list({ limit, offset }) {
      checkPage({ limit, offset });
      const [items, total] = await Promise.all([deps.repository.list(limit, offset), deps.repository.count()]);
      return { items, total, limit, offset };
    },
  };
}
