import { http, HttpResponse } from 'msw';

/** Where `mockApis.discovery()` places the catalog backend. */
export const CATALOG_BASE_URL = 'http://example.com/api/catalog';

/** A catalog backend that cannot answer: every entity query gets a 503 with Backstage's error body. */
export function unreachableCatalogHandlers(message = 'catalog is unreachable') {
  return [
    http.get(`${CATALOG_BASE_URL}/entities`, ({ request }) =>
      HttpResponse.json(
        {
          error: { name: 'ServiceUnavailableError', message },
          request: { method: request.method, url: new URL(request.url).pathname },
          response: { statusCode: 503 },
        },
        { status: 503 },
      ),
    ),
  ];
}
