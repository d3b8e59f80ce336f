import type { Logger } from '../../ports/logger.ts';
import type { PredictionLog, PredictionLogEntry } from '../../ports/predictionLog.ts';

/**
 * Writes the explainability log as structured log lines (`msg: "prediction"`), which carry the
 * request's correlation id. The platform's log pipeline keeps them for the retention period.
 */
export class LoggerPredictionLog implements PredictionLog {
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  record(entry: PredictionLogEntry): void {
    this.logger.info('prediction', { ...entry });
  }
}
