import {
  ADR_STATUSES,
  AdrDetail,
  AdrFacetValue,
  AdrGraph,
  AdrIndexProblem,
  AdrListResponse,
  AdrRefreshSummary,
  AdrStats,
  AdrSummary,
} from '@souverain/plugin-adr-common';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { details, lastRefresh } from './fixtures';

/** Where `mockApis.discovery()` places the adr backend. */
export const ADR_BASE_URL = 'http://example.com/api/adr';

/** What the fake backend holds; tests change it before (or while) rendering. */
export interface AdrBackendState {
  /** The index, in full; the list answers with summaries. */
  records: AdrDetail[];
  problems: AdrIndexProblem[];
  /** What `GET /graph` answers about a known record or entity. */
  graph: AdrGraph;
  lastRefresh?: AdrRefreshSummary;
}

/** What the fake backend was sent. */
export interface AdrBackendRequests {
  /** The query of every `GET /records`, in order. */
  lists: URLSearchParams[];
  /** The body of every `POST /refresh`, in order. */
  refreshes: Array<{ entityRef?: string }>;
}

/** A fake adr backend served through msw: its state and what it received. */
export interface AdrBackend {
  state: AdrBackendState;
  requests: AdrBackendRequests;
}

/** An error answer with Backstage's error body, as the backend's error middleware writes it. */
export function errorResponse(
  request: Request,
  status: number,
  name: string,
  message: string,
): Response {
  const url = new URL(request.url);
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: request.method, url: `${url.pathname}${url.search}` },
      response: { statusCode: status },
    },
    { status },
  );
}

const LIST_KEYS = ['status', 'entityRef', 'system', 'domain', 'owner', 'tag'] as const;
const LIST_QUERY_KEYS = [
  'q',
  ...LIST_KEYS,
  'from',
  'to',
  'sort',
  'order',
  'limit',
  'offset',
  'include',
];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RECORD_ID = /^[a-f0-9]{40}$/;

/** Repeated keys and comma-separated values, as the router reads lists. */
function listParam(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap(value => value.split(','))
    .map(value => value.trim())
    .filter(Boolean);
}

/** The first problem of a query, worded like the router's, or undefined. */
function invalidQuery(params: URLSearchParams, allowed: string[]): string | undefined {
  const unknown = [...params.keys()].filter(key => !allowed.includes(key));
  if (unknown.length) return `unknown parameter "${unknown[0]}"`;
  const statuses = listParam(params, 'status');
  if (statuses.some(s => !(ADR_STATUSES as readonly string[]).includes(s))) {
    return '"status" must be one of the statuses';
  }
  for (const key of ['from', 'to']) {
    const value = params.get(key);
    if (value !== null && (!DAY.test(value) || Number.isNaN(Date.parse(value)))) {
      return `"${key}" must be a real date written YYYY-MM-DD`;
    }
  }
  return undefined;
}

function toSummary(record: AdrDetail): AdrSummary {
  const {
    consulted: _c,
    informed: _i,
    links: _l,
    sections: _s,
    body: _b,
    problems: _p,
    folderUrl: _f,
    ...summary
  } = record;
  return summary;
}

/** Whether every search word starts a word of the record, like the full-text index. */
function matchesSearch(record: AdrDetail, q: string): boolean {
  const words = `${record.title} ${record.summary} ${record.body}`.toLowerCase().split(/\W+/);
  return q
    .toLowerCase()
    .split(/\W+/)
    .filter(Boolean)
    .every(term => words.some(word => word.startsWith(term)));
}

function listRecords(records: AdrDetail[], params: URLSearchParams): AdrListResponse {
  let matching = records.filter(record =>
    LIST_KEYS.every(key => {
      const wanted = listParam(params, key);
      if (!wanted.length) return true;
      if (key === 'tag') return wanted.every(tag => record.tags.includes(tag));
      return wanted.includes(String(record[key] ?? ''));
    }),
  );
  const q = params.get('q')?.trim();
  if (q) matching = matching.filter(record => matchesSearch(record, q));
  const [from, to] = [params.get('from'), params.get('to')];
  if (from) matching = matching.filter(record => record.date !== null && record.date >= from);
  if (to) matching = matching.filter(record => record.date !== null && record.date <= to);

  // Without a sort, a search keeps the index's relevance order; otherwise newest first.
  const sort = (params.get('sort') ?? (q ? undefined : 'date')) as keyof AdrSummary | undefined;
  const ascending =
    (params.get('order') ?? (sort === 'title' || sort === 'number' ? 'asc' : 'desc')) === 'asc';
  if (sort) {
    matching = [...matching].sort((a, b) => {
      const [x, y] = [a[sort], b[sort]];
      if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
      if (y === null || y === undefined) return -1;
      const order = x < y ? -1 : Number(x > y);
      return ascending ? order : -order;
    });
  }
  const limit = Number(params.get('limit') ?? 50);
  const offset = Number(params.get('offset') ?? 0);
  return {
    items: matching.slice(offset, offset + limit).map(toSummary),
    totalCount: matching.length,
    limit,
    offset,
  };
}

function facet(values: Array<string | null | undefined>): AdrFacetValue[] {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function statsOf(state: AdrBackendState, entityRef: string | null): AdrStats {
  const scoped = state.records.filter(r => !entityRef || r.entityRef === entityRef);
  return {
    total: scoped.length,
    byStatus: facet(scoped.map(r => r.status)),
    bySystem: facet(scoped.map(r => r.system)),
    byDomain: facet(scoped.map(r => r.domain)),
    byOwner: facet(scoped.map(r => r.owner)),
    byTag: facet(scoped.flatMap(r => r.tags)),
    byEntity: facet(scoped.map(r => r.entityRef)),
    problems: state.problems.filter(p => !entityRef || p.entityRef === entityRef).length,
    ...(state.lastRefresh ? { lastRefresh: state.lastRefresh } : {}),
  };
}

/** Handlers answering like `plugins/adr-backend`'s router, over `backend`'s state. */
export function adrHandlers(backend: AdrBackend) {
  const { state, requests } = backend;
  const badQuery = (request: Request, message: string) =>
    errorResponse(request, 400, 'InputError', `Invalid query: ${message}`);

  return [
    http.get(`${ADR_BASE_URL}/records`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.lists.push(params);
      const problem = invalidQuery(params, LIST_QUERY_KEYS);
      if (problem) return badQuery(request, problem);
      return HttpResponse.json<AdrListResponse>(listRecords(state.records, params));
    }),

    http.get(`${ADR_BASE_URL}/records/:id`, ({ request, params }) => {
      const id = String(params.id);
      if (!RECORD_ID.test(id)) {
        return errorResponse(request, 400, 'InputError', 'Invalid record id: is not a decision record id');
      }
      const record = state.records.find(r => r.id === id);
      if (!record) return errorResponse(request, 404, 'NotFoundError', `No decision record ${id}`);
      return HttpResponse.json<AdrDetail>(record);
    }),

    http.get(`${ADR_BASE_URL}/graph`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const problem = invalidQuery(params, ['id', 'entityRef']);
      if (problem) return badQuery(request, problem);
      const id = params.get('id');
      if (Boolean(id) === params.has('entityRef')) {
        return badQuery(request, 'give exactly one of "id" or "entityRef"');
      }
      if (id && !state.records.some(r => r.id === id)) {
        return errorResponse(request, 404, 'NotFoundError', `No decision record ${id}`);
      }
      return HttpResponse.json<AdrGraph>(state.graph);
    }),

    http.get(`${ADR_BASE_URL}/stats`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const problem = invalidQuery(params, ['entityRef']);
      if (problem) return badQuery(request, problem);
      return HttpResponse.json<AdrStats>(statsOf(state, params.get('entityRef')));
    }),

    http.get(`${ADR_BASE_URL}/problems`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const problem = invalidQuery(params, ['entityRef']);
      if (problem) return badQuery(request, problem);
      const entityRef = params.get('entityRef');
      return HttpResponse.json<{ items: AdrIndexProblem[] }>({
        items: state.problems.filter(p => !entityRef || p.entityRef === entityRef),
      });
    }),

    http.post(`${ADR_BASE_URL}/refresh`, async ({ request }) => {
      const text = await request.text();
      const body = (text ? JSON.parse(text) : {}) as { entityRef?: string };
      requests.refreshes.push(body);
      const unknown = Object.keys(body).filter(key => key !== 'entityRef');
      if (unknown.length) {
        return errorResponse(request, 400, 'InputError', `Invalid body: unknown parameter "${unknown[0]}"`);
      }
      const summary: AdrRefreshSummary = state.lastRefresh ?? {
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        entities: 0,
        records: state.records.length,
        added: 0,
        updated: 0,
        removed: 0,
        problems: state.problems.length,
        durationMs: 0,
      };
      return HttpResponse.json<AdrRefreshSummary>(summary);
    }),
  ];
}

/**
 * Serves a fake adr backend through `server` until the test ends (the handlers are reset after
 * each test): the three records of payments-api unless `init` says otherwise.
 */
export function serveAdrBackend(
  server: SetupServer,
  init: Partial<AdrBackendState> = {},
): AdrBackend {
  const backend: AdrBackend = {
    state: {
      records: details(),
      problems: [],
      graph: { nodes: [], edges: [] },
      lastRefresh,
      ...init,
    },
    requests: { lists: [], refreshes: [] },
  };
  server.use(...adrHandlers(backend));
  return backend;
}
