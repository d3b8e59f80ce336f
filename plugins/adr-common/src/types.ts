/*
 * Types shared by the decision browser's frontend, backend and parser.
 */

/** The five statuses every record is normalised to. */
export const ADR_STATUSES = [
  'proposed',
  'accepted',
  'rejected',
  'deprecated',
  'superseded',
] as const;

/** A normalised ADR status. */
export type AdrStatus = (typeof ADR_STATUSES)[number];

/** The record formats the parser recognises. */
export type AdrFormat = 'madr-4' | 'madr-3' | 'madr-2' | 'nygard' | 'unknown';

/** How one record relates to another. */
export type AdrLinkType = 'supersedes' | 'superseded-by' | 'amends' | 'amended-by';

/** A link from one record to another, as written in the record. */
export interface AdrLink {
  type: AdrLinkType;
  /** The reference as the author wrote it, e.g. `ADR-0004` or `0004-use-x.md`. */
  target: string;
  /** The number of the target record, when the reference names one. */
  number?: number;
  /** The relative path of the target record, when the reference is a markdown link. */
  path?: string;
}

/** One `##` section of a record. */
export interface AdrSection {
  title: string;
  /** The section's markdown, without its heading. */
  markdown: string;
}

/** Something wrong with a record, shown to the owners of its entity. */
export interface AdrProblem {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** What {@link parseAdr} returns. */
export interface ParsedAdr {
  /** The path given to the parser. */
  path: string;
  /** The file name part of the path. */
  fileName: string;
  /** The record number taken from the file name (`0007-...md` gives 7). */
  number: number | null;
  title: string;
  format: AdrFormat;
  /** The normalised status, or null when it is missing or not recognised. */
  status: AdrStatus | null;
  /** The status exactly as written. */
  statusRaw: string | null;
  /** ISO date (YYYY-MM-DD), or null when missing or invalid. */
  date: string | null;
  deciders: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  links: AdrLink[];
  sections: AdrSection[];
  /** A plain-text summary: the first paragraph of the context section, trimmed. */
  summary: string;
  /** The markdown body without front matter. */
  body: string;
  problems: AdrProblem[];
}

/** The entity an indexed record belongs to. */
export interface AdrEntityInfo {
  entityRef: string;
  kind: string;
  title?: string;
  system?: string;
  domain?: string;
  owner?: string;
}

/** A record as served by the backend, without its content. */
export interface AdrSummary {
  /** Stable id: a hash of the entity ref and the path within the ADR folder. */
  id: string;
  entityRef: string;
  entityKind: string;
  entityTitle?: string;
  system?: string;
  domain?: string;
  owner?: string;
  path: string;
  number: number | null;
  title: string;
  format: AdrFormat;
  status: AdrStatus | null;
  statusRaw: string | null;
  date: string | null;
  deciders: string[];
  tags: string[];
  summary: string;
  /** Number of problems found in the file. */
  problemCount: number;
  /** Where the record can be read in its repository. */
  url: string;
  indexedAt: string;
}

/** A link resolved against the index. */
export interface AdrResolvedLink extends AdrLink {
  /** The id of the target record, when it is in the index. */
  targetId?: string;
  targetTitle?: string;
  targetStatus?: AdrStatus | null;
}

/** A record with everything: metadata, links, content and problems. */
export interface AdrDetail extends AdrSummary {
  consulted: string[];
  informed: string[];
  links: AdrResolvedLink[];
  sections: AdrSection[];
  body: string;
  problems: AdrProblem[];
  /** The ADR folder's location, used to resolve relative links and images. */
  folderUrl: string;
}

/** Sort keys of the list API. */
export type AdrSortField = 'date' | 'number' | 'title' | 'status';

/** The list API's query. */
export interface AdrListQuery {
  q?: string;
  status?: AdrStatus[];
  entityRef?: string[];
  system?: string[];
  domain?: string[];
  owner?: string[];
  tag?: string[];
  from?: string;
  to?: string;
  sort?: AdrSortField;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** A facet value with its count. */
export interface AdrFacetValue {
  value: string;
  count: number;
}

/** The list API's answer. */
export interface AdrListResponse {
  items: AdrSummary[];
  totalCount: number;
  limit: number;
  offset: number;
}

/** Counts over the whole index, for facets and dashboards. */
export interface AdrStats {
  total: number;
  byStatus: AdrFacetValue[];
  bySystem: AdrFacetValue[];
  byDomain: AdrFacetValue[];
  byOwner: AdrFacetValue[];
  byTag: AdrFacetValue[];
  byEntity: AdrFacetValue[];
  problems: number;
  lastRefresh?: AdrRefreshSummary;
}

/** A node of the supersedes graph. */
export interface AdrGraphNode {
  id: string;
  title: string;
  number: number | null;
  status: AdrStatus | null;
  entityRef: string;
  date: string | null;
}

/** An edge of the supersedes graph: `from` supersedes or amends `to`. */
export interface AdrGraphEdge {
  from: string;
  to: string;
  type: 'supersedes' | 'amends';
}

/** The supersedes / amends graph around one record, or over a filter. */
export interface AdrGraph {
  nodes: AdrGraphNode[];
  edges: AdrGraphEdge[];
}

/** A file the indexer could not use, or an entity whose ADR folder failed. */
export interface AdrIndexProblem {
  entityRef: string;
  path: string | null;
  url: string | null;
  severity: 'error' | 'warning';
  message: string;
  detectedAt: string;
}

/** What one refresh did. */
export interface AdrRefreshSummary {
  startedAt: string;
  finishedAt: string;
  entities: number;
  records: number;
  added: number;
  updated: number;
  removed: number;
  problems: number;
  durationMs: number;
}
