import type { LogFields, Logger, LogLevel } from '../../ports/logger.ts';
import { LOG_LEVELS } from '../../ports/logger.ts';
import { currentCorrelationId } from './correlation.ts';

export interface JsonLoggerOptions {
  service: string;
  version: string;
  level?: LogLevel;
  /** Where a line goes; stdout by default (the platform's log collector reads it). */
  write?: (line: string) => void;
  now?: () => Date;
}

/** Keys whose values never reach a log line. */
const SECRET_KEY = /authorization|cookie|password|passwd|secret|token|api[-_]?key|credential/i;

function serialise(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (depth > 5 || value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(item => serialise(item, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : serialise(item, depth + 1);
  }
  return out;
}

/**
 * Structured logs: one JSON object per line with time, level, service, version, message, the
 * current correlation id and the given fields. Secret-looking fields are redacted.
 */
export function createJsonLogger(options: JsonLoggerOptions, bound: LogFields = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());

  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const correlationId = currentCorrelationId();
    const line = {
      time: now().toISOString(),
      level,
      service: options.service,
      version: options.version,
      msg: message,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(serialise({ ...bound, ...fields }) as LogFields),
    };
    write(`${JSON.stringify(line)}\n`);
  };

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: fields => createJsonLogger(options, { ...bound, ...fields }),
  };
}
