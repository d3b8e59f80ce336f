import type { OutboxEvent } from '../core/outboxEvent.ts';

/**
 * Transactional outbox ports. An event is stored in the same transaction as the state change
 * that caused it; a relay publishes stored events afterwards.
 */
export interface OutboxEntry extends OutboxEvent {
  attempts: number;
  publishedAt?: string;
  lastError?: string;
}

/** The relay's view of the outbox table. */
export interface Outbox {
  /** Unpublished events, oldest first. */
  pending(limit: number): Promise<OutboxEntry[]>;
  markPublished(id: string, at: Date): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
}

/** Where events go: a broker in production (Kafka, NATS, a queue), the log here. */
export interface EventPublisher {
  publish(event: OutboxEvent): Promise<void>;
}
