import { Knex } from 'knex';
import { AdrDialect } from './AdrDialect';
import { RecordRow, searchRowid } from './adrRecordRows';

/** `"word"*` for each term, all required: a prefix search that FTS5 reads as words only. */
const match = (terms: string[]) => terms.map(t => `"${t}"*`).join(' AND ');

/**
 * The decision index's search on SQLite: an FTS5 table (adr_records_fts) whose rowid is the
 * record's search_rowid, written and deleted with the records in the same transaction.
 */
export class SqliteAdrDialect implements AdrDialect {
  /** Sets up the connection for the index, then returns the dialect. */
  static async open(knex: Knex): Promise<SqliteAdrDialect> {
    // A page cache of 64 MiB rather than SQLite's 2 MiB: the records of a large org (10,000
    // decisions take about 35 MiB) are read from memory instead of through the file system on
    // every uncached list. knex keeps one SQLite connection, so the setting stays.
    await knex.raw('PRAGMA cache_size = -65536');
    return new SqliteAdrDialect(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async addToSearch(tx: Knex.Transaction, rows: RecordRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx('adr_records_fts').insert(
      rows.map(row => ({
        rowid: row.search_rowid,
        title: row.title,
        summary: row.summary,
        meta: row.search_meta,
        body: row.body,
      })),
    );
  }

  async removeFromSearch(tx: Knex.Transaction, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx('adr_records_fts').whereIn('rowid', ids.map(searchRowid)).delete();
  }

  whereMatches(query: Knex.QueryBuilder, terms: string[]): void {
    query.whereIn(
      'adr_records.search_rowid',
      this.knex('adr_records_fts').select('rowid').whereRaw('adr_records_fts MATCH ?', [match(terms)]),
    );
  }

  orderByRelevance(items: Knex.QueryBuilder, terms: string[], options: { textOnly: boolean; window: number }): void {
    if (options.textOnly) {
      // Nothing else filters: FTS5 picks the best matches itself (a top-N by rank inside the
      // full-text index), and only that page is joined with the records
      items
        .join(
          this.knex.raw(
            '(SELECT rowid, rank FROM adr_records_fts WHERE adr_records_fts MATCH ? ORDER BY rank LIMIT ?) AS ranked',
            [match(terms), options.window],
          ),
          'ranked.rowid',
          'adr_records.search_rowid',
        )
        .orderByRaw('ranked.rank');
    } else {
      // FTS5 rank: join on the matching rows to order by relevance
      items
        .join('adr_records_fts', 'adr_records_fts.rowid', 'adr_records.search_rowid')
        .whereRaw('adr_records_fts MATCH ?', [match(terms)])
        .orderByRaw('adr_records_fts.rank');
    }
  }

  async afterRefresh(): Promise<void> {
    // Let SQLite refresh the statistics its planner uses to pick between the filter and sort
    // indexes (PostgreSQL's autovacuum does this)
    await this.knex.raw('PRAGMA optimize');
  }
}
