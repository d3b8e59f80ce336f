import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the backend's words when it said something: a ResponseError's own
 * message is only "Request failed with 400 Bad Request".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError || (error as ResponseError)?.name === 'ResponseError') {
    const cause = (error as ResponseError).cause;
    if (cause?.message) return cause.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Whether the backend refused the caller (403), e.g. acting as a demo user outside the demo. */
export function isForbidden(error: unknown): boolean {
  return (error as ResponseError | undefined)?.statusCode === 403;
}
