import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createJsonLogger } from '../../src/adapters/observability/jsonLogger.ts';

export interface TestServer {
  baseUrl: string;
  /** Every log line the service wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  /** What SIGTERM does first: readiness turns to 503. */
  beginShutdown(): void;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

/** Starts the real service (src/app.ts) on a free port, with logs kept in memory. */
export async function startTestServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const config = { ...loadConfig({ LOG_LEVEL: 'debug', ...env }), port: 0, host: '127.0.0.1' };
  const logs: Array<Record<string, unknown>> = [];
  const logger = createJsonLogger({
    service: config.serviceName,
    version: config.version,
    level: 'debug',
    write: line => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const app = await createApp({ config, logger, env });
  const server = createServer(app.listener);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    logs,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(baseUrl + path, { method, headers, body });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      let json: unknown;
      if (/json/.test(contentType) && text.length > 0) json = JSON.parse(text);
      return { status: response.status, headers: response.headers, contentType, text, json };
    },
    beginShutdown: () => app.beginShutdown(),
    async close() {
      app.beginShutdown();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
