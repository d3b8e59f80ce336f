import {
  ADR_STATUSES,
  AdrListQuery,
  AdrSortField,
  AdrStatus,
} from '@souverain/plugin-adr-common';

/** Page sizes offered under the results. */
export const PAGE_SIZES = [10, 25, 50, 100];
export const DEFAULT_PAGE_SIZE = 25;

const SORTS: AdrSortField[] = ['date', 'number', 'title', 'status'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters of the decision list, as kept in the URL's search parameters. */
export interface DecisionFilters {
  q: string;
  status: AdrStatus[];
  entityRef: string[];
  system: string[];
  domain: string[];
  owner: string[];
  tag: string[];
  from?: string;
  to?: string;
  sort?: AdrSortField;
  order?: 'asc' | 'desc';
  /** 1-based page number. */
  page: number;
  pageSize: number;
}

/** Names of the URL parameters that hold lists of values. */
export const LIST_PARAMS = ['status', 'entityRef', 'system', 'domain', 'owner', 'tag'] as const;
export type ListParam = (typeof LIST_PARAMS)[number];

function values(params: URLSearchParams, key: string): string[] {
  const all = params
    .getAll(key)
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
  return [...new Set(all)];
}

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/** Reads the filters from URL search parameters, ignoring values that make no sense. */
export function filtersFromSearchParams(params: URLSearchParams): DecisionFilters {
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const sort = params.get('sort') as AdrSortField | null;
  const order = params.get('order');
  const pageSize = positiveInt(params.get('size'));
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    status: values(params, 'status').filter((s): s is AdrStatus =>
      (ADR_STATUSES as readonly string[]).includes(s),
    ),
    entityRef: values(params, 'entityRef'),
    system: values(params, 'system'),
    domain: values(params, 'domain'),
    owner: values(params, 'owner'),
    tag: values(params, 'tag'),
    from: from && DAY.test(from) ? from : undefined,
    to: to && DAY.test(to) ? to : undefined,
    sort: sort && SORTS.includes(sort) ? sort : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: pageSize && PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The list API's query for the filters; a fixed entity replaces any entity filter. */
export function filtersToQuery(filters: DecisionFilters, fixedEntityRef?: string): AdrListQuery {
  const query: AdrListQuery = {
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
  if (filters.q.trim()) query.q = filters.q.trim();
  for (const key of LIST_PARAMS) {
    if (key === 'entityRef') continue;
    if (filters[key].length) (query as Record<string, unknown>)[key] = filters[key];
  }
  if (fixedEntityRef) {
    query.entityRef = [fixedEntityRef];
  } else if (filters.entityRef.length) {
    query.entityRef = filters.entityRef;
  }
  // A range given backwards is read the right way round rather than refused.
  let { from, to } = filters;
  if (from && to && from > to) [from, to] = [to, from];
  if (from) query.from = from;
  if (to) query.to = to;
  if (filters.sort) query.sort = filters.sort;
  if (filters.order) query.order = filters.order;
  return query;
}

/** True when any filter narrows the list (search text, facets or dates). */
export function hasActiveFilters(filters: DecisionFilters): boolean {
  return Boolean(
    filters.q.trim() ||
      filters.from ||
      filters.to ||
      LIST_PARAMS.some(key => filters[key].length > 0),
  );
}

/** The names of the URL parameters that hold filters, cleared by "Clear filters". */
export const FILTER_PARAMS = ['q', ...LIST_PARAMS, 'from', 'to', 'page'];
