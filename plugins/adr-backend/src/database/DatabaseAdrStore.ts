import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  AdrDetail,
  AdrGraph,
  AdrIndexProblem,
  AdrListQuery,
  AdrProblem,
  AdrRefreshSummary,
  AdrStats,
} from '@souverain/plugin-adr-common';
import { Knex } from 'knex';
import { AdrDialect } from './AdrDialect';
import { readAdrGraph } from './adrGraph';
import { listQueries } from './adrListQuery';
import { readAdrDetail } from './adrRecordDetail';
import { readAdrStats } from './adrStats';
import { RecordRow, formatAdrProblem, toRecordRow, toSummary } from './adrRecordRows';
import { PostgresAdrDialect } from './PostgresAdrDialect';
import { SqliteAdrDialect } from './SqliteAdrDialect';
import { SqliteReader } from './SqliteReader';
import {
  AdrEntityState,
  AdrReplaceResult,
  AdrStore,
  IndexedAdr,
  NewAdrProblem,
  StoredRecordState,
} from './AdrStore';

const migrationsDir = resolvePackagePath('@souverain/plugin-adr-backend', 'migrations');

const CHUNK = 200;


/**
 * The decision index on knex: SQLite (embedded default) or PostgreSQL. Each operation is written
 * once; full-text search, the one thing the two databases do differently, goes through an
 * {@link AdrDialect}.
 */
export class DatabaseAdrStore implements AdrStore {
  /** Runs the migrations (unless the backend skips them) and returns the store. */
  static async create(database: DatabaseService): Promise<DatabaseAdrStore> {
    const knex = await database.getClient();
    const dialect =
      knex.client.config.client === 'pg' ? new PostgresAdrDialect() : await SqliteAdrDialect.open(knex);
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAdrStore(knex, dialect, await SqliteReader.start(knex));
  }

  /** `reader`: lists run on it, off the main thread (SQLite files; see {@link SqliteReader}). */
  private constructor(
    private readonly db: Knex,
    private readonly dialect: AdrDialect,
    private readonly reader?: SqliteReader,
  ) {}

  /** The rows of a read query: on the reader thread when there is one, else through knex. */
  private async read<T>(query: Knex.QueryBuilder): Promise<T[]> {
    if (this.reader?.available) return this.reader.rows<T>(query);
    return (await query) as T[];
  }

  /** Stops the reader thread, if any (the knex pool belongs to the caller). */
  async close(): Promise<void> {
    await this.reader?.close();
  }

  async getEntityHashes(entityRef: string): Promise<Map<string, StoredRecordState>> {
    const rows = await this.db('adr_records')
      .where({ entity_ref: entityRef })
      .select('id', 'content_hash', 'problems');
    return new Map(
      rows.map(row => [
        row.id,
        {
          contentHash: row.content_hash,
          problems: (JSON.parse(row.problems) as AdrProblem[]).map(formatAdrProblem),
        },
      ]),
    );
  }

  async getEntityState(entityRef: string): Promise<AdrEntityState | undefined> {
    const row = await this.db('adr_entities').where({ entity_ref: entityRef }).first();
    return row
      ? {
          entityRef: row.entity_ref,
          folderUrl: row.folder_url,
          etag: row.etag,
          refreshedAt: row.refreshed_at,
          state: row.state,
        }
      : undefined;
  }

  async replaceEntityRecords(options: {
    entityRef: string;
    records: IndexedAdr[];
    unchangedIds: string[];
    problems: NewAdrProblem[];
    state: Omit<AdrEntityState, 'refreshedAt'>;
  }): Promise<AdrReplaceResult> {
    const now = new Date().toISOString();
    return this.db.transaction(async tx => {
      const existing = new Set(
        (await tx('adr_records').where({ entity_ref: options.entityRef }).select('id')).map(
          row => row.id as string,
        ),
      );
      const keep = new Set([...options.unchangedIds, ...options.records.map(r => r.id)]);
      const removedIds = [...existing].filter(id => !keep.has(id));
      const changedIds = options.records.map(r => r.id);
      const updated = changedIds.filter(id => existing.has(id)).length;
      await this.deleteRecords(tx, [...removedIds, ...changedIds.filter(id => existing.has(id))]);
      const rows = options.records.map(record => toRecordRow(record, now));
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await tx('adr_records').insert(chunk);
        const tags = options.records
          .slice(i, i + CHUNK)
          .flatMap(record =>
            [...new Set(record.parsed.tags)].map(tag => ({ record_id: record.id, tag })),
          );
        if (tags.length) await tx('adr_tags').insert(tags);
        const links = options.records.slice(i, i + CHUNK).flatMap(record =>
          record.parsed.links.map(link => ({
            from_id: record.id,
            type: link.type,
            target: link.target,
            number: link.number ?? null,
            path: link.path ?? null,
          })),
        );
        if (links.length) await tx('adr_links').insert(links);
        await this.dialect.addToSearch(tx, chunk);
      }
      await tx('adr_problems').where({ entity_ref: options.entityRef }).delete();
      await this.insertProblems(tx, options.problems, now);
      await tx('adr_entities')
        .insert({
          entity_ref: options.entityRef,
          folder_url: options.state.folderUrl,
          etag: options.state.etag,
          state: options.state.state,
          refreshed_at: now,
        })
        .onConflict('entity_ref')
        .merge();
      return {
        added: changedIds.length - updated,
        updated,
        removed: removedIds.length,
      };
    });
  }

  async recordEntityFailure(entityRef: string, problems: NewAdrProblem[]): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction(async tx => {
      await tx('adr_problems').where({ entity_ref: entityRef }).delete();
      await this.insertProblems(tx, problems, now);
      await tx('adr_entities')
        .insert({
          entity_ref: entityRef,
          folder_url: problems[0]?.url ?? null,
          etag: null,
          state: 'error',
          refreshed_at: now,
        })
        .onConflict('entity_ref')
        .merge();
    });
  }

  async touchEntity(entityRef: string): Promise<void> {
    await this.db('adr_entities')
      .where({ entity_ref: entityRef })
      .update({ refreshed_at: new Date().toISOString() });
  }

  async retainEntities(entityRefs: string[]): Promise<number> {
    const keep = new Set(entityRefs);
    return this.db.transaction(async tx => {
      const known = new Set<string>([
        ...(await tx('adr_entities').select('entity_ref')).map(r => r.entity_ref as string),
        ...(await tx('adr_records').distinct('entity_ref')).map(r => r.entity_ref as string),
        ...(await tx('adr_problems').distinct('entity_ref')).map(r => r.entity_ref as string),
      ]);
      const gone = [...known].filter(ref => !keep.has(ref));
      let removed = 0;
      for (let i = 0; i < gone.length; i += CHUNK) {
        const refs = gone.slice(i, i + CHUNK);
        const ids = (await tx('adr_records').whereIn('entity_ref', refs).select('id')).map(
          r => r.id as string,
        );
        removed += ids.length;
        await this.deleteRecords(tx, ids);
        await tx('adr_problems').whereIn('entity_ref', refs).delete();
        await tx('adr_entities').whereIn('entity_ref', refs).delete();
      }
      return removed;
    });
  }

  private async deleteRecords(tx: Knex.Transaction, ids: string[]) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      // Tags and links go with their record (ON DELETE CASCADE); SQLite needs them explicitly
      // when foreign keys are off, so delete them anyway.
      await tx('adr_tags').whereIn('record_id', chunk).delete();
      await tx('adr_links').whereIn('from_id', chunk).delete();
      await tx('adr_records').whereIn('id', chunk).delete();
      await this.dialect.removeFromSearch(tx, chunk);
    }
  }

  private async insertProblems(tx: Knex.Transaction, problems: NewAdrProblem[], now: string) {
    const rows = problems.map(problem => ({
      entity_ref: problem.entityRef,
      path: problem.path,
      url: problem.url,
      severity: problem.severity,
      message: problem.message,
      detected_at: now,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx('adr_problems').insert(rows.slice(i, i + CHUNK));
    }
  }

  async resolveLinks(): Promise<void> {
    const records = await this.db('adr_records').select('id', 'entity_ref', 'number', 'url');
    const byUrl = new Map(records.map(r => [r.url as string, r.id as string]));
    const byNumber = new Map(
      records
        .filter(r => r.number !== null)
        .map(r => [`${r.entity_ref}#${r.number}`, r.id as string]),
    );
    const fromRecord = new Map(records.map(r => [r.id as string, r]));
    const links = await this.db('adr_links').select('link_id', 'from_id', 'number', 'path', 'to_id');
    const updates: Array<{ linkId: number; toId: string | null }> = [];
    for (const link of links) {
      const from = fromRecord.get(link.from_id);
      if (!from) continue;
      let toId: string | undefined;
      if (link.path) {
        try {
          toId = byUrl.get(new URL(link.path, from.url).href);
        } catch {
          toId = undefined;
        }
      }
      if (!toId && link.number !== null && link.number !== undefined) {
        toId = byNumber.get(`${from.entity_ref}#${link.number}`);
      }
      if ((toId ?? null) !== (link.to_id ?? null)) {
        updates.push({ linkId: link.link_id, toId: toId ?? null });
      }
    }
    if (updates.length === 0) return;
    await this.db.transaction(async tx => {
      for (const update of updates) {
        await tx('adr_links').where({ link_id: update.linkId }).update({ to_id: update.toId });
      }
    });
  }

  async list(query: AdrListQuery, options?: { includeBody?: boolean }) {
    const { countQuery, itemsQuery, limit, offset } = listQueries(this.db, this.dialect, query, options);
    const [[count], rows] = await Promise.all([
      this.read<{ count: string | number }>(countQuery),
      this.read<RecordRow>(itemsQuery),
    ]);
    return {
      items: rows.map((row: RecordRow) => ({
        ...toSummary(row),
        ...(options?.includeBody ? { body: row.body } : {}),
      })),
      totalCount: Number(count?.count ?? 0),
      limit,
      offset,
    };
  }

  get(id: string): Promise<AdrDetail | undefined> {
    return readAdrDetail(this.db, id);
  }

  graph(options: { id?: string; entityRef?: string }): Promise<AdrGraph> {
    return readAdrGraph(this.db, options);
  }

  stats(options: { entityRef?: string } = {}): Promise<AdrStats> {
    return readAdrStats(this.db, options, () => this.lastRefreshRun());
  }

  async problems(options: { entityRef?: string } = {}): Promise<AdrIndexProblem[]> {
    const rows = await this.db('adr_problems')
      .modify(q => {
        if (options.entityRef) q.where('entity_ref', options.entityRef);
      })
      .orderBy([
        { column: 'entity_ref', order: 'asc' },
        { column: 'problem_id', order: 'asc' },
      ])
      .limit(1000);
    return rows.map((row: Record<string, any>) => ({
      entityRef: row.entity_ref,
      path: row.path,
      url: row.url,
      severity: row.severity,
      message: row.message,
      detectedAt: row.detected_at,
    }));
  }

  async saveRefreshRun(summary: AdrRefreshSummary): Promise<void> {
    await this.dialect.afterRefresh();
    await this.db.transaction(async tx => {
      await tx('adr_refresh_runs').insert({
        started_at: summary.startedAt,
        finished_at: summary.finishedAt,
        summary: JSON.stringify(summary),
      });
      // Keep the last 100 runs
      const old = await tx('adr_refresh_runs')
        .orderBy('run_id', 'desc')
        .offset(100)
        .select('run_id');
      if (old.length) {
        await tx('adr_refresh_runs')
          .whereIn(
            'run_id',
            old.map(r => r.run_id),
          )
          .delete();
      }
    });
  }

  async lastRefreshRun(): Promise<AdrRefreshSummary | undefined> {
    const row = await this.db('adr_refresh_runs').orderBy('run_id', 'desc').first();
    return row ? JSON.parse(row.summary) : undefined;
  }
}

export { migrationsDir };
export { formatAdrProblem, searchRowid, searchTerms } from './adrRecordRows';
export { ADR_MAX_PAGE_SIZE } from './adrListQuery';
