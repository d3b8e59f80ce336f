import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../ports/logger.ts';
import type { HttpMetrics } from '../observability/metrics.ts';
import {
  CORRELATION_HEADER,
  correlationIdFrom,
  runWithCorrelationId,
} from '../observability/correlation.ts';
import { HttpError, problem } from './problem.ts';
import type { Router } from './router.ts';
import type { Handler, HttpRequest, HttpResponse, Middleware } from './types.ts';

export interface RequestListenerOptions {
  router: Router;
  logger: Logger;
  /** Run in order around every matched route. */
  middlewares?: Middleware[];
  /** Answers requests that match no route (e.g. static files); 404 otherwise. */
  fallback?: Handler;
  /** Largest accepted request body; 1 MiB by default. */
  bodyLimitBytes?: number;
  /** When given, every request is counted and timed, and GET /metrics serves the figures. */
  metrics?: HttpMetrics;
}

/** Paths probed every few seconds: logged at debug level to keep log volume down. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new HttpError(413, 'Content Too Large', `The body is larger than ${limit} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!contentType || !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new HttpError(415, 'Unsupported Media Type', 'Send the body as application/json.');
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'Bad Request', 'The body is not valid JSON.');
  }
}

function send(response: ServerResponse, result: HttpResponse, correlationId: string, head: boolean) {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    ...result.headers,
    [CORRELATION_HEADER]: correlationId,
  };
  let payload: string | Buffer | undefined = result.body;
  if (result.json !== undefined) {
    payload = JSON.stringify(result.json);
    headers['content-type'] ??= 'application/json';
    headers['cache-control'] ??= 'no-store';
  }
  if (payload !== undefined) {
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  response.writeHead(result.status, headers);
  response.end(head ? undefined : payload);
}

/**
 * The HTTP adapter's entry point: turns node's request/response into HttpRequest/HttpResponse,
 * sets up the correlation id, reads and parses the body, routes, maps errors to problem
 * details and writes one structured access-log line per request.
 */
export function createRequestListener(options: RequestListenerOptions): RequestListener {
  const { router, logger } = options;
  const middlewares = options.middlewares ?? [];
  const limit = options.bodyLimitBytes ?? 1024 * 1024;

  const { metrics } = options;
  if (metrics) {
    router.add('GET', '/metrics', () => ({
      status: 200,
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
      body: metrics.render(),
    }));
  }

  const handle = async (
    incoming: IncomingMessage,
    correlationId: string,
    route: { template: string },
  ): Promise<HttpResponse> => {
    const url = new URL(incoming.url ?? '/', 'http://service.local');
    const method = (incoming.method ?? 'GET').toUpperCase();
    const routeMethod = method === 'HEAD' ? 'GET' : method;
    try {
      const match = router.match(routeMethod, url.pathname);
      if (match.kind === 'found') route.template = match.template;
      if (match.kind === 'method-not-allowed') {
        throw new HttpError(405, 'Method Not Allowed', `${method} is not allowed here.`, {}, {
          allow: match.allowed.join(', '),
        });
      }
      const rawBody = await readBody(incoming, limit);
      const request: HttpRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        params: match.kind === 'found' ? match.params : {},
        body: undefined,
        rawBody,
        correlationId,
      };
      if (match.kind === 'not-found') {
        if (options.fallback) return await options.fallback(request);
        throw new HttpError(404, 'Not Found', `No route for ${method} ${url.pathname}.`);
      }
      request.body = parseJson(rawBody, incoming.headers['content-type']);
      const chain = middlewares.reduceRight<(req: HttpRequest) => Promise<HttpResponse>>(
        (next, middleware) => req => middleware(req, next),
        async req => match.handler(req),
      );
      return await chain(request);
    } catch (error) {
      if (error instanceof URIError) {
        return problem(400, 'Bad Request', 'The path is not valid.', correlationId);
      }
      if (error instanceof HttpError) {
        return problem(error.status, error.title, error.message, correlationId, error.details, error.headers);
      }
      logger.error('unhandled error', { error, method, path: url.pathname });
      return problem(500, 'Internal Server Error', 'Something went wrong.', correlationId);
    }
  };

  return (incoming, outgoing) => {
    const started = performance.now();
    const correlationId = correlationIdFrom(incoming.headers[CORRELATION_HEADER]);
    const route = { template: 'unmatched' };
    runWithCorrelationId(correlationId, () => {
      void handle(incoming, correlationId, route).then(result => {
        send(outgoing, result, correlationId, incoming.method === 'HEAD');
        const path = (incoming.url ?? '/').split('?')[0];
        const durationMs = Math.round((performance.now() - started) * 100) / 100;
        const method = incoming.method ?? 'GET';
        metrics?.observe({ method, route: route.template, status: result.status, durationMs });
        const fields = { method, path, status: result.status, durationMs };
        if (PROBES.has(path) && result.status < 500) logger.debug('request', fields);
        else logger.info('request', fields);
      }).catch((error: unknown) => {
        logger.error('could not write the response', { error });
        outgoing.destroy();
      });
    });
  };
}
