/**
 * An event the service records with the state change that caused it. The outbox stores it and
 * a relay publishes it; publishing is at-least-once, so consumers deduplicate by event `id`.
 */
export interface OutboxEvent {
  id: string;
  /** e.g. `item.created` */
  type: string;
  aggregateId: string;
  occurredAt: string;
  payload: unknown;
}
