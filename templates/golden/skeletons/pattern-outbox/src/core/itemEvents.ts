import type { Item } from './item.ts';
import type { OutboxEvent } from './outboxEvent.ts';

/** The event recorded with every new item. Its payload is the public shape of the item. */
export function itemCreated(item: Item, eventId: string, occurredAt: Date): OutboxEvent {
  return {
    id: eventId,
    type: 'item.created',
    aggregateId: item.id,
    occurredAt: occurredAt.toISOString(),
    payload: item,
  };
}
