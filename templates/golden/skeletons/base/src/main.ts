import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createJsonLogger } from './adapters/observability/jsonLogger.ts';

// Process entry point: configuration, logger, the composition root (src/app.ts), the HTTP
// server and a graceful shutdown. Nothing here is specific to this service.
const config = loadConfig();
const logger = createJsonLogger({
  service: config.serviceName,
  version: config.version,
  level: config.logLevel,
});

process.on('unhandledRejection', reason => {
  logger.error('unhandled rejection', { error: reason });
  process.exit(1);
});

const app = await createApp({ config, logger, env: process.env });
const server = createServer(app.listener);
server.keepAliveTimeout = 65_000;

server.listen(config.port, config.host, () => {
  logger.info('listening', { host: config.host, port: config.port });
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  app.beginShutdown();
  const forced = setTimeout(() => {
    logger.warn('forced exit after the grace period', { graceMs: config.shutdownGraceMs });
    process.exit(1);
  }, config.shutdownGraceMs);
  forced.unref();
  server.close();
  server.closeIdleConnections();
  await app.close();
  logger.info('stopped');
}

process.on('SIGTERM', signal => void shutdown(signal));
process.on('SIGINT', signal => void shutdown(signal));
