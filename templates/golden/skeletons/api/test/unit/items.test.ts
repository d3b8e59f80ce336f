import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError, ValidationError } from '../../src/core/errors.ts';
import { createItemService } from '../../src/application/itemService.ts';
import { parseNewItem } from '../../src/core/item.ts';
import { MemoryItemRepository } from '../../src/adapters/memory/memoryItemRepository.ts';

function service() {
  let n = 0;
  return createItemService({
    repository: new MemoryItemRepository(),
    newId: () => `id-${++n}`,
    now: () => new Date('2030-01-01T00:00:00.000Z'),
  });
}

describe('parseNewItem', () => {
  it('trims the name and keeps the description', () => {
    assert.deepEqual(parseNewItem({ name: '  first ', description: 'd' }), { name: 'first', description: 'd' });
  });

  it('lists every problem', () => {
    assert.throws(
      () => parseNewItem({ name: ' ', description: 3, extra: true }),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.length === 3 &&
        error.issues.includes('unknown property "extra"'),
    );
    assert.throws(() => parseNewItem(undefined), ValidationError);
    assert.throws(() => parseNewItem([]), ValidationError);
    assert.throws(() => parseNewItem({ name: 'x'.repeat(101) }), /longer than 100/);
  });
});

describe('ItemService', () => {
  it('creates, gets and lists items', async () => {
    const items = service();
    const created = await items.create({ name: 'first' });
    assert.deepEqual(created, { id: 'id-1', name: 'first', createdAt: '2030-01-01T00:00:00.000Z' });
    await items.create({ name: 'second' });
    assert.deepEqual(await items.get('id-1'), created);
    const page = await items.list({ limit: 1, offset: 1 });
    assert.equal(page.total, 2);
    assert.deepEqual(page.items.map(item => item.name), ['second']);
  });

  it('refuses a duplicate name and reports unknown ids', async () => {
    const items = service();
    await items.create({ name: 'first' });
    await assert.rejects(items.create({ name: 'first' }), ConflictError);
    await assert.rejects(items.get('nope'), NotFoundError);
  });

  it('validates paging', async () => {
    const items = service();
    await assert.rejects(items.list({ limit: 0, offset: 0 }), ValidationError);
    await assert.rejects(items.list({ limit: 101, offset: 0 }), ValidationError);
    await assert.rejects(items.list({ limit: 10, offset: -1 }), ValidationError);
  });

  it('hands out copies, so callers cannot change stored items', async () => {
    const items = service();
    const created = await items.create({ name: 'first' });
    created.name = 'changed';
    assert.equal((await items.get('id-1')).name, 'first');
  });
});
