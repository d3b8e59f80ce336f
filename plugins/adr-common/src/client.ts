import { AdrApiFetchClient, createAdrApiFetchClient } from './schema/openapi';
import {
  AdrDetail,
  AdrGraph,
  AdrIndexProblem,
  AdrListParameters,
  AdrListQuery,
  AdrListResponse,
  AdrRefreshSummary,
  AdrStats,
} from './types';

/** What the decision browser's frontend and other plugins ask of its backend. */
export interface AdrApi {
  /** One page of records matching the query. */
  list(query?: AdrListQuery): Promise<AdrListResponse>;
  /** One record with its content. */
  get(id: string): Promise<AdrDetail>;
  /** The supersedes graph around a record or over an entity's records. */
  graph(options: { id?: string; entityRef?: string }): Promise<AdrGraph>;
  /** Counts over the index or one entity's records. */
  stats(options?: { entityRef?: string }): Promise<AdrStats>;
  /** Files and folders the indexer could not use. */
  problems(options?: {
    entityRef?: string;
  }): Promise<{ items: AdrIndexProblem[] }>;
  /** Re-reads every ADR folder, or one entity's, now. */
  refresh(options?: { entityRef?: string }): Promise<AdrRefreshSummary>;
}

/** Options of {@link AdrClient}: Backstage's discovery and fetch APIs (or look-alikes). */
export interface AdrClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/** Per-call options: a token for backend-to-backend calls. */
export interface AdrRequestOptions {
  token?: string;
}

/**
 * An {@link AdrApi} over HTTP, on the client generated from the OpenAPI spec. A non-2xx answer
 * is thrown as a ResponseError.
 */
export class AdrClient implements AdrApi {
  private readonly client: AdrApiFetchClient;

  constructor(options: AdrClientOptions) {
    this.client = createAdrApiFetchClient(options);
  }

  async list(
    query: AdrListParameters = {},
    options?: AdrRequestOptions,
  ): Promise<AdrListResponse> {
    const { data } = await this.client.GET('/records', {
      params: { query: withoutEmpty(query) },
      headers: auth(options),
    });
    return data!;
  }

  async get(id: string, options?: AdrRequestOptions): Promise<AdrDetail> {
    const { data } = await this.client.GET('/records/{id}', {
      params: { path: { id } },
      headers: auth(options),
    });
    return data!;
  }

  async graph(
    query: { id?: string; entityRef?: string },
    options?: AdrRequestOptions,
  ): Promise<AdrGraph> {
    const { data } = await this.client.GET('/graph', {
      params: { query: withoutEmpty(query) },
      headers: auth(options),
    });
    return data!;
  }

  async stats(
    query: { entityRef?: string } = {},
    options?: AdrRequestOptions,
  ): Promise<AdrStats> {
    const { data } = await this.client.GET('/stats', {
      params: { query: withoutEmpty(query) },
      headers: auth(options),
    });
    return data!;
  }

  async problems(
    query: { entityRef?: string } = {},
    options?: AdrRequestOptions,
  ): Promise<{ items: AdrIndexProblem[] }> {
    const { data } = await this.client.GET('/problems', {
      params: { query: withoutEmpty(query) },
      headers: auth(options),
    });
    return data!;
  }

  async refresh(
    body: { entityRef?: string } = {},
    options?: AdrRequestOptions,
  ): Promise<AdrRefreshSummary> {
    const { data } = await this.client.POST('/refresh', {
      body: withoutEmpty(body),
      headers: auth(options),
    });
    return data!;
  }
}

function auth(options?: AdrRequestOptions): Record<string, string> | undefined {
  return options?.token
    ? { Authorization: `Bearer ${options.token}` }
    : undefined;
}

/** Drops unset and empty values, which the API would refuse (`from=` is not a date). */
function withoutEmpty<T extends object>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([, v]) =>
        v !== undefined &&
        v !== null &&
        v !== '' &&
        !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}
