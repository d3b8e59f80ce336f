import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  AdrDetail,
  AdrFacetValue,
  AdrGraph,
  AdrGraphEdge,
  AdrGraphNode,
  AdrIndexProblem,
  AdrLink,
  AdrLinkType,
  AdrListQuery,
  AdrProblem,
  AdrRefreshSummary,
  AdrResolvedLink,
  AdrSection,
  AdrStats,
  AdrStatus,
  AdrSummary,
} from '@souverain/plugin-adr-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { SqliteReader } from './SqliteReader';
import {
  AdrEntityState,
  AdrReplaceResult,
  AdrStore,
  IndexedAdr,
  NewAdrProblem,
  StoredRecordState,
} from './AdrStore';

/** A parser problem as listed per entity: its line, when known, leads the message. */
export function formatAdrProblem(problem: AdrProblem): {
  severity: 'error' | 'warning';
  message: string;
} {
  return {
    severity: problem.severity,
    message: problem.line ? `Line ${problem.line}: ${problem.message}` : problem.message,
  };
}

const migrationsDir = resolvePackagePath('@souverain/plugin-adr-backend', 'migrations');

/** Largest page the list API serves. */
export const ADR_MAX_PAGE_SIZE = 500;
const CHUNK = 200;
const GRAPH_MAX_NODES = 300;

interface RecordRow {
  id: string;
  entity_ref: string;
  entity_kind: string;
  entity_title: string | null;
  system: string | null;
  domain: string | null;
  owner: string | null;
  path: string;
  number: number | null;
  title: string;
  format: string;
  status: string | null;
  status_raw: string | null;
  date: string | null;
  deciders: string;
  consulted: string;
  informed: string;
  tags: string;
  links: string;
  sections: string;
  summary: string;
  body: string;
  problems: string;
  problem_count: number;
  url: string;
  folder_url: string;
  content_hash: string;
  search_meta: string;
  search_rowid: number;
  indexed_at: string;
}

/** The full-text rowid of a record: 52 bits of a hash of its id (exact in a JS number). */
export function searchRowid(id: string): number {
  return parseInt(createHash('sha256').update(id).digest('hex').slice(0, 13), 16);
}

const SUMMARY_COLUMNS = [
  'id',
  'entity_ref',
  'entity_kind',
  'entity_title',
  'system',
  'domain',
  'owner',
  'path',
  'number',
  'title',
  'format',
  'status',
  'status_raw',
  'date',
  'deciders',
  'tags',
  'summary',
  'problem_count',
  'url',
  'indexed_at',
];

function toRow(record: IndexedAdr, indexedAt: string): RecordRow {
  const { parsed, entity } = record;
  return {
    id: record.id,
    entity_ref: entity.entityRef,
    entity_kind: entity.kind,
    entity_title: entity.title ?? null,
    system: entity.system ?? null,
    domain: entity.domain ?? null,
    owner: entity.owner ?? null,
    path: parsed.path,
    number: parsed.number,
    title: parsed.title,
    format: parsed.format,
    status: parsed.status,
    status_raw: parsed.statusRaw,
    date: parsed.date,
    deciders: JSON.stringify(parsed.deciders),
    consulted: JSON.stringify(parsed.consulted),
    informed: JSON.stringify(parsed.informed),
    tags: JSON.stringify(parsed.tags),
    links: JSON.stringify(parsed.links),
    sections: JSON.stringify(parsed.sections),
    summary: parsed.summary,
    body: parsed.body,
    problems: JSON.stringify(parsed.problems),
    problem_count: parsed.problems.length,
    url: record.url,
    folder_url: record.folderUrl,
    content_hash: record.contentHash,
    search_meta: [
      ...parsed.tags,
      ...parsed.deciders,
      parsed.statusRaw ?? '',
      entity.entityRef,
      entity.title ?? '',
      parsed.number !== null ? `ADR-${String(parsed.number).padStart(4, '0')}` : '',
    ].join(' '),
    search_rowid: searchRowid(record.id),
    indexed_at: indexedAt,
  };
}

function toSummary(row: Partial<RecordRow>): AdrSummary {
  return {
    id: row.id!,
    entityRef: row.entity_ref!,
    entityKind: row.entity_kind!,
    entityTitle: row.entity_title ?? undefined,
    system: row.system ?? undefined,
    domain: row.domain ?? undefined,
    owner: row.owner ?? undefined,
    path: row.path!,
    number: row.number ?? null,
    title: row.title!,
    format: row.format as AdrSummary['format'],
    status: (row.status ?? null) as AdrStatus | null,
    statusRaw: row.status_raw ?? null,
    date: row.date ?? null,
    deciders: JSON.parse(row.deciders ?? '[]'),
    tags: JSON.parse(row.tags ?? '[]'),
    summary: row.summary ?? '',
    problemCount: Number(row.problem_count ?? 0),
    url: row.url!,
    indexedAt: row.indexed_at!,
  };
}

/** Words of a search, safe to put in an FTS5 or tsquery expression. */
export function searchTerms(q: string): string[] {
  return (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [])
    .map(term => term.toLowerCase())
    .slice(0, 12);
}

const INVERSE: Record<AdrLinkType, AdrLinkType> = {
  supersedes: 'superseded-by',
  'superseded-by': 'supersedes',
  amends: 'amended-by',
  'amended-by': 'amends',
};

/** The decision index on knex: SQLite (embedded default) or PostgreSQL. */
export class DatabaseAdrStore implements AdrStore {
  static async create(database: DatabaseService): Promise<DatabaseAdrStore> {
    const knex = await database.getClient();
    if (knex.client.config.client === 'better-sqlite3') {
      // A page cache of 64 MiB rather than SQLite's 2 MiB: the records of a large org (10,000
      // decisions take about 35 MiB) are read from memory instead of through the file system on
      // every uncached list. knex keeps one SQLite connection, so the setting stays.
      await knex.raw('PRAGMA cache_size = -65536');
    }
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAdrStore(knex, await SqliteReader.start(knex));
  }

  private readonly isPostgres: boolean;

  /** `reader`: lists run on it, off the main thread (SQLite files; see {@link SqliteReader}). */
  constructor(
    private readonly db: Knex,
    private readonly reader?: SqliteReader,
  ) {
    this.isPostgres = db.client.config.client === 'pg';
  }

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
      const rows = options.records.map(record => toRow(record, now));
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
        if (!this.isPostgres) {
          await tx('adr_records_fts').insert(
            chunk.map(row => ({
              rowid: row.search_rowid,
              title: row.title,
              summary: row.summary,
              meta: row.search_meta,
              body: row.body,
            })),
          );
        }
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
      if (!this.isPostgres) {
        await tx('adr_records_fts').whereIn('rowid', chunk.map(searchRowid)).delete();
      }
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

  private applyFilters(query: Knex.QueryBuilder, filters: AdrListQuery) {
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
        this.db('adr_tags')
          .select(this.db.raw('1'))
          .whereRaw('adr_tags.record_id = adr_records.id')
          .where('adr_tags.tag', tag),
      );
    }
    const terms = filters.q ? searchTerms(filters.q) : [];
    if (filters.q && terms.length === 0) {
      query.whereRaw('1 = 0');
    } else if (terms.length > 0) {
      if (this.isPostgres) {
        query.whereRaw(`${r}.search_vector @@ to_tsquery('simple', ?)`, [
          terms.map(t => `${t}:*`).join(' & '),
        ]);
      } else {
        query.whereIn(
          `${r}.search_rowid`,
          this.db('adr_records_fts')
            .select('rowid')
            .whereRaw('adr_records_fts MATCH ?', [terms.map(t => `"${t}"*`).join(' AND ')]),
        );
      }
    }
    return terms;
  }

  async list(query: AdrListQuery, options?: { includeBody?: boolean }) {
    const limit = Math.min(query.limit ?? 50, ADR_MAX_PAGE_SIZE);
    const offset = query.offset ?? 0;
    const base = this.db('adr_records');
    const terms = this.applyFilters(base, query);
    const countQuery = base.clone().clearSelect().count({ count: '*' });
    const columns = SUMMARY_COLUMNS.map(c => `adr_records.${c}`);
    if (options?.includeBody) columns.push('adr_records.body');
    const itemsQuery = base.clone().select(columns).limit(limit).offset(offset);

    const order = query.order ?? (query.sort === 'title' || query.sort === 'number' ? 'asc' : 'desc');
    const sort = query.sort ?? (terms.length > 0 ? undefined : 'date');
    if (!sort && this.isPostgres) {
      itemsQuery.orderByRaw(`ts_rank(adr_records.search_vector, to_tsquery('simple', ?)) DESC`, [
        terms.map(t => `${t}:*`).join(' & '),
      ]);
    } else if (!sort) {
      const match = terms.map(t => `"${t}"*`).join(' AND ');
      const onlyText = ['status', 'entityRef', 'system', 'domain', 'owner', 'tag'].every(
        key => !(query[key as keyof AdrListQuery] as string[] | undefined)?.length,
      ) && !query.from && !query.to;
      if (onlyText) {
        // Nothing else filters: FTS5 picks the best matches itself (a top-N by rank inside the
        // full-text index), and only that page is joined with the records
        itemsQuery
          .join(
            this.db.raw(
              '(SELECT rowid, rank FROM adr_records_fts WHERE adr_records_fts MATCH ? ORDER BY rank LIMIT ?) AS ranked',
              [match, limit + offset],
            ),
            'ranked.rowid',
            'adr_records.search_rowid',
          )
          .orderByRaw('ranked.rank');
      } else {
        // FTS5 rank: join on the matching rows to order by relevance
        itemsQuery
          .join('adr_records_fts', 'adr_records_fts.rowid', 'adr_records.search_rowid')
          .whereRaw('adr_records_fts MATCH ?', [match])
          .orderByRaw('adr_records_fts.rank');
      }
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

  async get(id: string): Promise<AdrDetail | undefined> {
    const row: RecordRow | undefined = await this.db('adr_records').where({ id }).first();
    if (!row) return undefined;
    const outgoing = await this.db('adr_links')
      .leftJoin('adr_records', 'adr_records.id', 'adr_links.to_id')
      .where('adr_links.from_id', id)
      .select(
        'adr_links.type',
        'adr_links.target',
        'adr_links.number',
        'adr_links.path',
        'adr_links.to_id',
        'adr_records.title as to_title',
        'adr_records.status as to_status',
      );
    const incoming = await this.db('adr_links')
      .join('adr_records', 'adr_records.id', 'adr_links.from_id')
      .where('adr_links.to_id', id)
      .select(
        'adr_links.type',
        'adr_links.from_id',
        'adr_records.title as from_title',
        'adr_records.status as from_status',
        'adr_records.number as from_number',
        'adr_records.path as from_path',
      );
    const links: AdrResolvedLink[] = outgoing.map(link => ({
      type: link.type,
      target: link.target,
      ...(link.number !== null ? { number: link.number } : {}),
      ...(link.path ? { path: link.path } : {}),
      ...(link.to_id
        ? { targetId: link.to_id, targetTitle: link.to_title, targetStatus: link.to_status }
        : {}),
    }));
    for (const link of incoming) {
      const type = INVERSE[link.type as AdrLinkType];
      if (!links.some(l => l.type === type && l.targetId === link.from_id)) {
        links.push({
          type,
          target:
            link.from_number !== null
              ? `ADR-${String(link.from_number).padStart(4, '0')}`
              : link.from_path,
          ...(link.from_number !== null ? { number: link.from_number } : {}),
          targetId: link.from_id,
          targetTitle: link.from_title,
          targetStatus: link.from_status,
        });
      }
    }
    return {
      ...toSummary(row),
      consulted: JSON.parse(row.consulted),
      informed: JSON.parse(row.informed),
      links,
      sections: JSON.parse(row.sections) as AdrSection[],
      body: row.body,
      problems: JSON.parse(row.problems) as AdrProblem[],
      folderUrl: row.folder_url,
    };
  }

  async graph(options: { id?: string; entityRef?: string }): Promise<AdrGraph> {
    const edgeRows = await this.db('adr_links')
      .whereNotNull('to_id')
      .select('from_id', 'to_id', 'type');
    // Normalise every written link to "from supersedes/amends to", once per pair
    const edges = new Map<string, AdrGraphEdge>();
    for (const row of edgeRows) {
      const type = row.type as AdrLink['type'];
      const forward = type === 'supersedes' || type === 'amends';
      const edge: AdrGraphEdge = {
        from: forward ? row.from_id : row.to_id,
        to: forward ? row.to_id : row.from_id,
        type: type.startsWith('supersede') ? 'supersedes' : 'amends',
      };
      if (edge.from !== edge.to) edges.set(`${edge.from}>${edge.to}>${edge.type}`, edge);
    }
    const neighbours = new Map<string, string[]>();
    for (const edge of edges.values()) {
      neighbours.set(edge.from, [...(neighbours.get(edge.from) ?? []), edge.to]);
      neighbours.set(edge.to, [...(neighbours.get(edge.to) ?? []), edge.from]);
    }
    let seeds: string[] = [];
    if (options.id) {
      seeds = [options.id];
    } else if (options.entityRef) {
      seeds = (
        await this.db('adr_records').where({ entity_ref: options.entityRef }).select('id')
      ).map(r => r.id);
    }
    const included = new Set<string>();
    const queue = [...seeds];
    while (queue.length > 0 && included.size < GRAPH_MAX_NODES) {
      const next = queue.shift()!;
      if (included.has(next)) continue;
      included.add(next);
      for (const other of neighbours.get(next) ?? []) {
        if (!included.has(other)) queue.push(other);
      }
    }
    const nodes: AdrGraphNode[] = [];
    const ids = [...included];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db('adr_records')
        .whereIn('id', ids.slice(i, i + CHUNK))
        .select('id', 'title', 'number', 'status', 'entity_ref', 'date');
      nodes.push(
        ...rows.map(row => ({
          id: row.id,
          title: row.title,
          number: row.number,
          status: row.status,
          entityRef: row.entity_ref,
          date: row.date,
        })),
      );
    }
    const present = new Set(nodes.map(n => n.id));
    return {
      nodes,
      edges: [...edges.values()].filter(e => present.has(e.from) && present.has(e.to)),
    };
  }

  async stats(options: { entityRef?: string } = {}): Promise<AdrStats> {
    const scoped = () => {
      const q = this.db('adr_records');
      if (options.entityRef) q.where('adr_records.entity_ref', options.entityRef);
      return q;
    };
    const facet = async (column: string): Promise<AdrFacetValue[]> => {
      const rows = await scoped()
        .whereNotNull(column)
        .groupBy(column)
        .select({ value: column })
        .count({ count: '*' })
        .orderBy([
          { column: 'count', order: 'desc' },
          { column: 'value', order: 'asc' },
        ]);
      return (rows as Array<{ value: unknown; count: unknown }>).map(row => ({
        value: String(row.value),
        count: Number(row.count),
      }));
    };
    const tagRows = await scoped()
      .join('adr_tags', 'adr_tags.record_id', 'adr_records.id')
      .groupBy('adr_tags.tag')
      .select({ value: 'adr_tags.tag' })
      .count({ count: '*' })
      .orderBy([
        { column: 'count', order: 'desc' },
        { column: 'value', order: 'asc' },
      ])
      .limit(100);
    const [total, byStatus, bySystem, byDomain, byOwner, byEntity, problemCount, lastRefresh] =
      await Promise.all([
        scoped().count({ count: '*' }).first(),
        facet('status'),
        facet('system'),
        facet('domain'),
        facet('owner'),
        facet('entity_ref'),
        this.db('adr_problems')
          .modify(q => {
            if (options.entityRef) q.where('entity_ref', options.entityRef);
          })
          .count({ count: '*' })
          .first(),
        this.lastRefreshRun(),
      ]);
    return {
      total: Number(total?.count ?? 0),
      byStatus,
      bySystem,
      byDomain,
      byOwner,
      byEntity,
      byTag: (tagRows as Array<{ value: unknown; count: unknown }>).map(row => ({
        value: String(row.value),
        count: Number(row.count),
      })),
      problems: Number(problemCount?.count ?? 0),
      ...(lastRefresh ? { lastRefresh } : {}),
    };
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
    if (!this.isPostgres) {
      // A full refresh may have changed the index a lot: let SQLite refresh the statistics its
      // planner uses to pick between the filter and sort indexes (PostgreSQL's autovacuum does this)
      await this.db.raw('PRAGMA optimize');
    }
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
