import type { Logger } from '../../ports/logger.ts';
import type { OutboxEvent } from '../../core/outboxEvent.ts';
import type { EventPublisher } from '../../ports/outbox.ts';

/**
 * Publishes events as log lines, so the pattern works before a broker is chosen. Replace it
 * with a broker adapter (Kafka, NATS, a queue) implementing the same EventPublisher port.
 */
export class LogEventPublisher implements EventPublisher {
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  async publish(event: OutboxEvent): Promise<void> {
    this.logger.info('event published', { eventId: event.id, eventType: event.type, aggregateId: event.aggregateId });
  }
}
