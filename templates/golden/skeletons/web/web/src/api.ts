// The front end's client of the service's own API (see openapi.yaml). Every call carries a
// fresh x-correlation-id, and errors quote it so that a user can give it to support.

export interface Item {
  id: string;
  name: string;
  description?: string;
  createdAt: string;
}

export interface ItemPage {
  items: Item[];
  total: number;
  limit: number;
  offset: number;
}

export interface Health {
  status: string;
  service: string;
  version: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly correlationId: string;
  constructor(status: number, message: string, correlationId: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.correlationId = correlationId;
  }
}

export interface ApiClient {
  health(): Promise<Health>;
  listItems(limit?: number): Promise<ItemPage>;
  createItem(input: { name: string; description?: string }): Promise<Item>;
}

export function createApiClient(
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  newId: () => string = () => crypto.randomUUID(),
): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const correlationId = newId();
    const headers: Record<string, string> = { accept: 'application/json', 'x-correlation-id': correlationId };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchImpl(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok) {
      const detail = typeof payload?.detail === 'string' ? payload.detail : `HTTP ${response.status}`;
      const errors = Array.isArray(payload?.errors) ? ` (${payload.errors.join('; ')})` : '';
      throw new ApiError(response.status, `${detail}${errors}`, correlationId);
    }
    return payload as T;
  }

  return {
    health: () => call<Health>('GET', '/healthz'),
    listItems: (limit = 50) => call<ItemPage>('GET', `/v1/items?limit=${limit}`),
    createItem: input => call<Item>('POST', '/v1/items', input),
  };
}
