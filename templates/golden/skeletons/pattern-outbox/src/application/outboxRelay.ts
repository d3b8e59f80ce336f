import type { Logger } from '../ports/logger.ts';
import type { EventPublisher, Outbox } from '../ports/outbox.ts';

export interface OutboxRelayOptions {
  outbox: Outbox;
  publisher: EventPublisher;
  logger: Logger;
  batchSize?: number;
  now?: () => Date;
}

export interface RelayResult {
  published: number;
  failed: number;
}

/**
 * Publishes pending events in order. It stops at the first failure so that events of one
 * aggregate are never published out of order; the failed event is retried on the next run.
 */
export async function relayOutbox(options: OutboxRelayOptions): Promise<RelayResult> {
  const now = options.now ?? (() => new Date());
  const result: RelayResult = { published: 0, failed: 0 };
  for (const entry of await options.outbox.pending(options.batchSize ?? 100)) {
    try {
      await options.publisher.publish({
        id: entry.id,
        type: entry.type,
        aggregateId: entry.aggregateId,
        occurredAt: entry.occurredAt,
        payload: entry.payload,
      });
      await options.outbox.markPublished(entry.id, now());
      result.published += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await options.outbox.markFailed(entry.id, message);
      options.logger.warn('outbox publish failed', { eventId: entry.id, attempts: entry.attempts + 1, error });
      result.failed += 1;
      break;
    }
  }
  return result;
}

export interface RunningRelay {
  /** Runs one pass now (also used by tests). */
  runOnce(): Promise<RelayResult>;
  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void>;
}

/** Polls the outbox every `intervalMs`; one pass at a time. */
export function startOutboxRelay(options: OutboxRelayOptions & { intervalMs: number }): RunningRelay {
  let running: Promise<RelayResult> | undefined;
  let stopped = false;
  const runOnce = () => {
    running ??= relayOutbox(options).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) {
      runOnce().catch((error: unknown) => options.logger.error('outbox relay failed', { error }));
    }
  }, options.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
