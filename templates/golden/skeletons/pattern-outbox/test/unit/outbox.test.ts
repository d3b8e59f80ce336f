import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryItemStoreWithOutbox } from '../../src/adapters/memory/memoryItemStoreWithOutbox.ts';
import { createJsonLogger } from '../../src/adapters/observability/jsonLogger.ts';
import { createItemService } from '../../src/application/itemService.ts';
import { relayOutbox, startOutboxRelay } from '../../src/application/outboxRelay.ts';
import type { OutboxEvent } from '../../src/core/outboxEvent.ts';
import type { EventPublisher } from '../../src/ports/outbox.ts';

const logger = createJsonLogger({ service: 'test', version: '0', level: 'error', write: () => {} });

function setup() {
  let n = 0;
  const store = new MemoryItemStoreWithOutbox({ newId: () => `event-${++n}`, now: () => new Date('2030-01-01T00:00:00Z') });
  let itemIds = 0;
  const items = createItemService({ repository: store, newId: () => `item-${++itemIds}`, now: () => new Date('2030-01-01T00:00:00Z') });
  return { store, items };
}

class RecordingPublisher implements EventPublisher {
  readonly published: OutboxEvent[] = [];
  failNext = 0;
  async publish(event: OutboxEvent): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('broker unavailable');
    }
    this.published.push(event);
  }
}

describe('transactional outbox', () => {
  it('stores the event with the item', async () => {
    const { store, items } = setup();
    const item = await items.create({ name: 'first' });
    const [entry] = await store.pending(10);
    assert.equal(entry.type, 'item.created');
    assert.equal(entry.aggregateId, item.id);
    assert.deepEqual(entry.payload, item);
    assert.equal(entry.attempts, 0);
  });

  it('stores no event when the change is refused', async () => {
    const { store, items } = setup();
    await items.create({ name: 'first' });
    await assert.rejects(items.create({ name: 'first' }));
    assert.equal((await store.pending(10)).length, 1);
  });

  it('publishes pending events in order and only once', async () => {
    const { store, items } = setup();
    await items.create({ name: 'first' });
    await items.create({ name: 'second' });
    const publisher = new RecordingPublisher();
    assert.deepEqual(await relayOutbox({ outbox: store, publisher, logger }), { published: 2, failed: 0 });
    assert.deepEqual(publisher.published.map(event => (event.payload as { name: string }).name), ['first', 'second']);
    assert.deepEqual(await relayOutbox({ outbox: store, publisher, logger }), { published: 0, failed: 0 });
    assert.equal(publisher.published.length, 2);
  });

  it('keeps a failed event, stops the batch to keep order, and retries it later', async () => {
    const { store, items } = setup();
    await items.create({ name: 'first' });
    await items.create({ name: 'second' });
    const publisher = new RecordingPublisher();
    publisher.failNext = 1;
    assert.deepEqual(await relayOutbox({ outbox: store, publisher, logger }), { published: 0, failed: 1 });
    const [entry] = await store.pending(10);
    assert.equal(entry.attempts, 1);
    assert.equal(entry.lastError, 'broker unavailable');
    assert.deepEqual(await relayOutbox({ outbox: store, publisher, logger }), { published: 2, failed: 0 });
    assert.deepEqual(publisher.published.map(event => event.id), ['event-1', 'event-2']);
  });

  it('runs as a background relay that stops cleanly', async () => {
    const { store, items } = setup();
    await items.create({ name: 'first' });
    const publisher = new RecordingPublisher();
    const relay = startOutboxRelay({ outbox: store, publisher, logger, intervalMs: 5 });
    await new Promise(resolve => setTimeout(resolve, 50));
    await relay.stop();
    assert.equal(publisher.published.length, 1);
    assert.equal((await store.pending(10)).length, 0);
  });
});
