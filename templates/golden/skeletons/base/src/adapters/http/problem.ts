import type { HttpResponse } from './types.ts';

/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Handlers throw an HttpError;
 * the server turns it into a response, adding the correlation id.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly title: string;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    title: string,
    detail?: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpError';
    this.status = status;
    this.title = title;
    this.details = details;
    this.headers = headers;
  }
}

export const badRequest = (detail: string, errors?: string[]) =>
  new HttpError(400, 'Bad Request', detail, errors ? { errors } : {});

export const notFound = (detail: string) => new HttpError(404, 'Not Found', detail);

export const conflict = (detail: string) => new HttpError(409, 'Conflict', detail);

export const unprocessable = (detail: string) =>
  new HttpError(422, 'Unprocessable Content', detail);

export function problem(
  status: number,
  title: string,
  detail: string,
  correlationId: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    json: { type: 'about:blank', title, status, detail, correlationId, ...details },
  };
}
