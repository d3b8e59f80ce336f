import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { ItemService } from '../../application/itemService.ts';
import { badRequest, conflict, notFound } from './problem.ts';
import type { Router } from './router.ts';
import type { Handler, HttpRequest } from './types.ts';

/** Translates core errors into HTTP problems. */
function withDomainErrors(handler: Handler): Handler {
  return async request => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ValidationError) throw badRequest('The request is not valid.', error.issues);
      if (error instanceof NotFoundError) throw notFound(error.message);
      if (error instanceof ConflictError) throw conflict(error.message);
      throw error;
    }
  };
}

function integerParam(request: HttpRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`${name} must be a non-negative integer.`);
  return Number(raw);
}

/** The items API (`/v1/items`), as described in openapi.yaml. */
export function addItemRoutes(router: Router, items: ItemService): void {
  router.add(
    'GET',
    '/v1/items',
    withDomainErrors(async request => ({
      status: 200,
      json: await items.list({
        limit: integerParam(request, 'limit', 20),
        offset: integerParam(request, 'offset', 0),
      }),
    })),
  );

  router.add(
    'POST',
    '/v1/items',
    withDomainErrors(async request => {
      const item = await items.create(request.body);
      return { status: 201, headers: { location: `/v1/items/${item.id}` }, json: item };
    }),
  );

  router.add(
    'GET',
    '/v1/items/{id}',
    withDomainErrors(async request => ({ status: 200, json: await items.get(request.params.id) })),
  );
}
