import {
  AdrDetail,
  AdrEntityInfo,
  AdrGraph,
  AdrIndexProblem,
  AdrListQuery,
  AdrListResponse,
  AdrRefreshSummary,
  AdrStats,
  AdrSummary,
  ParsedAdr,
} from '@souverain/plugin-adr-common';

/** One parsed record, ready to be stored. */
export interface IndexedAdr {
  id: string;
  entity: AdrEntityInfo;
  parsed: ParsedAdr;
  url: string;
  folderUrl: string;
  contentHash: string;
}

/** What replacing an entity's records changed. */
export interface AdrReplaceResult {
  added: number;
  updated: number;
  removed: number;
}

/** A problem to store, before it gets its detection time. */
export type NewAdrProblem = Omit<AdrIndexProblem, 'detectedAt'>;

/** What the indexer needs to know of a stored record to skip it when unchanged. */
export interface StoredRecordState {
  contentHash: string;
  problems: Array<{ severity: 'error' | 'warning'; message: string }>;
}

/** The folder state the indexer keeps per entity. */
export interface AdrEntityState {
  entityRef: string;
  folderUrl: string | null;
  etag: string | null;
  refreshedAt: string;
  state: 'ok' | 'error';
}

/** The decision index. */
export interface AdrStore {
  /** Content hashes and problems of an entity's stored records, by record id. */
  getEntityHashes(entityRef: string): Promise<Map<string, StoredRecordState>>;
  getEntityState(entityRef: string): Promise<AdrEntityState | undefined>;
  /**
   * Makes the entity's records exactly `records` (records not listed are removed), replaces its
   * problems and saves the folder state, all in one transaction. Records listed in
   * `unchangedIds` are kept as they are.
   */
  replaceEntityRecords(options: {
    entityRef: string;
    records: IndexedAdr[];
    unchangedIds: string[];
    problems: NewAdrProblem[];
    state: Omit<AdrEntityState, 'refreshedAt'>;
  }): Promise<AdrReplaceResult>;
  /**
   * Records that the entity's folder could not be read: its previous records are kept, its
   * problems are replaced by these.
   */
  recordEntityFailure(entityRef: string, problems: NewAdrProblem[]): Promise<void>;
  /** Marks the folder as unchanged since the last read. */
  touchEntity(entityRef: string): Promise<void>;
  /** Removes every entity (records, problems, state) not in the list. Returns records removed. */
  retainEntities(entityRefs: string[]): Promise<number>;
  /** Resolves written links to record ids. */
  resolveLinks(): Promise<void>;
  list(query: AdrListQuery, options?: { includeBody?: boolean }): Promise<AdrListResponse & { items: Array<AdrSummary & { body?: string }> }>;
  get(id: string): Promise<AdrDetail | undefined>;
  graph(options: { id?: string; entityRef?: string }): Promise<AdrGraph>;
  stats(options?: { entityRef?: string }): Promise<AdrStats>;
  problems(options?: { entityRef?: string }): Promise<AdrIndexProblem[]>;
  saveRefreshRun(summary: AdrRefreshSummary): Promise<void>;
  lastRefreshRun(): Promise<AdrRefreshSummary | undefined>;
}
