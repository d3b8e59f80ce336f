import { Knex } from 'knex';
import { RecordRow } from './adrRecordRows';

/**
 * What differs between SQLite and PostgreSQL in the decision index: its full-text search and
 * the upkeep that goes with it. SQLite (`SqliteAdrDialect`) keeps an FTS5 table beside the
 * records, written with them; PostgreSQL (`PostgresAdrDialect`) derives a tsvector column from
 * the record itself. The store's queries are otherwise the same on both.
 */
export interface AdrDialect {
  /** Makes new or replaced records searchable, in the caller's transaction. */
  addToSearch(tx: Knex.Transaction, rows: RecordRow[]): Promise<void>;
  /** Takes removed records out of search, in the caller's transaction. */
  removeFromSearch(tx: Knex.Transaction, ids: string[]): Promise<void>;
  /** Keeps only the records of `query` that match every term, each as a word prefix. */
  whereMatches(query: Knex.QueryBuilder, terms: string[]): void;
  /**
   * Orders a page of matching records best first. `textOnly`: no filter other than the search
   * applies; `window`: how many of the best matches the page needs (its offset plus its limit).
   */
  orderByRelevance(items: Knex.QueryBuilder, terms: string[], options: { textOnly: boolean; window: number }): void;
  /** Upkeep after a refresh run, which may have changed the index a lot. */
  afterRefresh(): Promise<void>;
}
