import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import type { Config } from '../../config.ts';
import type { Logger } from '../../ports/logger.ts';

/** A request as handlers see it: the body is already read and, for JSON, parsed. */
export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Path parameters, e.g. `{ id }` for `/v1/items/{id}`. */
  params: Record<string, string>;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
  rawBody: Buffer;
  correlationId: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON (or problem+json when `status` >= 400 and no content type is set). */
  json?: unknown;
  /** Sent as is, with the content type given in `headers`. */
  body?: string | Buffer;
}

export type Handler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

export type Next = (request: HttpRequest) => Promise<HttpResponse>;

/** Runs around a route handler; may answer by itself or call `next`. */
export type Middleware = (request: HttpRequest, next: Next) => Promise<HttpResponse>;

/** What `src/app.ts` (the composition root) receives. */
export interface AppDependencies {
  config: Config;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/** What `src/app.ts` returns to `src/main.ts` (or to a test). */
export interface App {
  listener: RequestListener;
  /** Readiness turns to 503 so that the load balancer stops sending traffic. */
  beginShutdown(): void;
  /** Releases resources (timers, connections). */
  close(): Promise<void>;
}
