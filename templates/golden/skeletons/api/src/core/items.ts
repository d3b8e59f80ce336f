import type { ItemRepository } from '../ports/itemRepository.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';

// The example domain: items with a unique name. It has no I/O of its own: storage comes through
// the ItemRepository port, ids and time are injected. Replace it with the service's domain and
// keep the shape: pure rules here, ports for everything outside.

export interface Item {
  id: string;
  name: string;
  description?: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

export interface NewItem {
  name: string;
  description?: string;
}

export interface ItemPage {
  items: Item[];
  total: number;
  limit: number;
  offset: number;
}

export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_PAGE_SIZE = 100;

/** Checks untrusted input and returns a clean NewItem, or throws a ValidationError. */
export function parseNewItem(input: unknown): NewItem {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError(['the body must be a JSON object']);
  }
  const issues: string[] = [];
  const { name, description, ...rest } = input as Record<string, unknown>;
  for (const key of Object.keys(rest)) issues.push(`unknown property "${key}"`);
  if (typeof name !== 'string' || name.trim().length === 0) {
    issues.push('name is required');
  } else if (name.trim().length > MAX_NAME_LENGTH) {
    issues.push(`name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (description !== undefined && typeof description !== 'string') {
    issues.push('description must be a string');
  } else if (typeof description === 'string' && description.length > MAX_DESCRIPTION_LENGTH) {
    issues.push(`description is longer than ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    name: (name as string).trim(),
    ...(description === undefined ? {} : { description: description as string }),
  };
}

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
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw new ValidationError([`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`]);
      }
      if (!Number.isInteger(offset) || offset < 0) {
        throw new ValidationError(['offset must be a non-negative integer']);
      }
      const [items, total] = await Promise.all([deps.repository.list(limit, offset), deps.repository.count()]);
      return { items, total, limit, offset };
    },
  };
}
