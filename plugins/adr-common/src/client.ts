import { ResponseError } from '@backstage/errors';
import {
  AdrDetail,
  AdrGraph,
  AdrIndexProblem,
  AdrListQuery,
  AdrListResponse,
  AdrRefreshSummary,
  AdrStats,
} from './types';

/** What the decision browser's frontend asks of its backend. */
export interface AdrApi {
  list(query?: AdrListQuery): Promise<AdrListResponse>;
  get(id: string): Promise<AdrDetail>;
  graph(options: { id?: string; entityRef?: string }): Promise<AdrGraph>;
  stats(options?: { entityRef?: string }): Promise<AdrStats>;
  problems(options?: { entityRef?: string }): Promise<{ items: AdrIndexProblem[] }>;
  refresh(options?: { entityRef?: string }): Promise<AdrRefreshSummary>;
}

/** Turns a list query into URL search parameters (repeated keys for lists). */
export function adrListQueryToParams(
  query: AdrListQuery | Record<string, unknown> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.set(key, String(value));
    }
  }
  return params;
}

/** An {@link AdrApi} over HTTP, taking Backstage's discovery and fetch APIs. */
export class AdrClient implements AdrApi {
  private readonly discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  list(query?: AdrListQuery): Promise<AdrListResponse> {
    return this.request(`/records?${adrListQueryToParams(query)}`);
  }

  get(id: string): Promise<AdrDetail> {
    return this.request(`/records/${encodeURIComponent(id)}`);
  }

  graph(options: { id?: string; entityRef?: string }): Promise<AdrGraph> {
    return this.request(`/graph?${adrListQueryToParams(options)}`);
  }

  stats(options: { entityRef?: string } = {}): Promise<AdrStats> {
    return this.request(`/stats?${adrListQueryToParams(options)}`);
  }

  problems(options: { entityRef?: string } = {}): Promise<{ items: AdrIndexProblem[] }> {
    return this.request(`/problems?${adrListQueryToParams(options)}`);
  }

  refresh(options: { entityRef?: string } = {}): Promise<AdrRefreshSummary> {
    return this.request('/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(options),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('adr');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
