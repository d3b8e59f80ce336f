import { ValidationError } from './errors.ts';

// The example entity: an item with a unique name. The core holds the service's own types and
// rules and imports nothing outside src/core: ports are written in its terms, never the other
// way. Replace it with the service's domain and keep that direction.

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

/** Checks a page request, or throws a ValidationError. */
export function checkPage({ limit, offset }: { limit: number; offset: number }): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError([`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`]);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ValidationError(['offset must be a non-negative integer']);
  }
}
