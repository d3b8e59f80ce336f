import { Knex } from 'knex';
import { AdrDialect } from './AdrDialect';

/** `word:*` for each term, all required: a prefix search that tsquery reads as words only. */
const tsquery = (terms: string[]) => terms.map(t => `${t}:*`).join(' & ');

/**
 * The decision index's search on PostgreSQL: a generated, weighted tsvector with a GIN index
 * (migration 20261125100000), so the records carry their own search data and nothing else is
 * written with them.
 */
export class PostgresAdrDialect implements AdrDialect {
  async addToSearch(): Promise<void> {}

  async removeFromSearch(): Promise<void> {}

  whereMatches(query: Knex.QueryBuilder, terms: string[]): void {
    query.whereRaw(`adr_records.search_vector @@ to_tsquery('simple', ?)`, [tsquery(terms)]);
  }

  orderByRelevance(items: Knex.QueryBuilder, terms: string[]): void {
    items.orderByRaw(`ts_rank(adr_records.search_vector, to_tsquery('simple', ?)) DESC`, [tsquery(terms)]);
  }

  // Autovacuum keeps the planner's statistics up to date
  async afterRefresh(): Promise<void> {}
}
