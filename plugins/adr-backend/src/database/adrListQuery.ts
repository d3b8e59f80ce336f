import { AdrListQuery } from '@souverain/plugin-adr-common';
import { Knex } from 'knex';
import { AdrDialect } from './AdrDialect';
import { SUMMARY_COLUMNS, searchTerms } from './adrRecordRows';

/** Largest page the list API serves. */
export const ADR_MAX_PAGE_SIZE = 500;

/** Restricts `query` to the records the filters select; returns the search terms used. */
function applyFilters(db: Knex, dialect: AdrDialect, query: Knex.QueryBuilder, filters: AdrListQuery): string[] {
  const r = 'adr_records';
  if (filters.status?.length) query.whereIn(`${r}.status`, filters.status);
  if (filters.entityRef?.length) query.whereIn(`${r}.entity_ref`, filters.entityRef);
  if (filters.system?.length) query.whereIn(`${r}.system`, filters.system);
  if (filters.domain?.length) query.whereIn(`${r}.domain`, filters.domain);
  if (filters.owner?.length) query.whereIn(`${r}.owner`, filters.owner);
  if (filters.from) query.where(`${r}.date`, '>=', filters.from);
  if (filters.to) query.where(`${r}.date`, '<=', filters.to);
  for (const tag of filters.tag ?? []) {
    query.whereExists(
      db('adr_tags')
        .select(db.raw('1'))
        .whereRaw('adr_tags.record_id = adr_records.id')
        .where('adr_tags.tag', tag),
    );
  }
  const terms = filters.q ? searchTerms(filters.q) : [];
  if (filters.q && terms.length === 0) {
    query.whereRaw('1 = 0');
  } else if (terms.length > 0) {
    dialect.whereMatches(query, terms);
  }
  return terms;
}

/**
 * The two queries of one page of the decision list: the count of every match, and the page
 * itself in the order asked for (by relevance when searching without a sort).
 */
export function listQueries(
  db: Knex,
  dialect: AdrDialect,
  query: AdrListQuery,
  options?: { includeBody?: boolean },
): { countQuery: Knex.QueryBuilder; itemsQuery: Knex.QueryBuilder; limit: number; offset: number } {
  const limit = Math.min(query.limit ?? 50, ADR_MAX_PAGE_SIZE);
  const offset = query.offset ?? 0;
  const base = db('adr_records');
  const terms = applyFilters(db, dialect, base, query);
  const countQuery = base.clone().clearSelect().count({ count: '*' });
  const columns = SUMMARY_COLUMNS.map(c => `adr_records.${c}`);
  if (options?.includeBody) columns.push('adr_records.body');
  const itemsQuery = base.clone().select(columns).limit(limit).offset(offset);

  const order = query.order ?? (query.sort === 'title' || query.sort === 'number' ? 'asc' : 'desc');
  const sort = query.sort ?? (terms.length > 0 ? undefined : 'date');
  if (!sort) {
    const textOnly =
      ['status', 'entityRef', 'system', 'domain', 'owner', 'tag'].every(
        key => !(query[key as keyof AdrListQuery] as string[] | undefined)?.length,
      ) &&
      !query.from &&
      !query.to;
    dialect.orderByRelevance(itemsQuery, terms, { textOnly, window: limit + offset });
  } else {
    const column = { date: 'date', number: 'number', title: 'title', status: 'status' }[sort];
    itemsQuery.orderByRaw(
      `CASE WHEN adr_records.${column} IS NULL THEN 1 ELSE 0 END, adr_records.${column} ${
        order === 'asc' ? 'ASC' : 'DESC'
      }`,
    );
  }
  itemsQuery.orderBy([
    { column: 'adr_records.entity_ref', order: 'asc' },
    { column: 'adr_records.number', order: 'asc' },
    { column: 'adr_records.id', order: 'asc' },
  ]);
  return { countQuery, itemsQuery, limit, offset };
}
