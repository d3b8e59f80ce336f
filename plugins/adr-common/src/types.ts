/*
 * Types shared by the decision browser's frontend, backend and parser.
 */
import type { AdrApiComponents, AdrApiOperations } from './schema/openapi';

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
export type AdrLinkType =
  | 'supersedes'
  | 'superseded-by'
  | 'amends'
  | 'amended-by';

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

// The API's shapes come from the OpenAPI spec (plugins/adr-backend/src/schema/openapi.yaml), so the
// backend, this client and the frontend cannot drift apart.

/** A record as served by the backend, without its content. */
export type AdrSummary = AdrApiComponents['schemas']['AdrSummary'];

/** A link resolved against the index. */
export type AdrResolvedLink = AdrApiComponents['schemas']['AdrResolvedLink'];

/** A record with everything: metadata, links, content and problems. */
export type AdrDetail = AdrApiComponents['schemas']['AdrDetail'];

/** Sort keys of the list API. */
export type AdrSortField = AdrApiComponents['schemas']['AdrSortField'];

/** Every parameter of the list API, `include` among them. */
export type AdrListParameters = NonNullable<
  AdrApiOperations['listRecords']['parameters']['query']
>;

/** The list API's query. */
export type AdrListQuery = Omit<
  NonNullable<AdrApiOperations['listRecords']['parameters']['query']>,
  'include'
>;

/** A facet value with its count. */
export type AdrFacetValue = AdrApiComponents['schemas']['AdrFacetValue'];

/** The list API's answer. */
export type AdrListResponse = AdrApiComponents['schemas']['AdrListResponse'];

/** Counts over the whole index, for facets and dashboards. */
export type AdrStats = AdrApiComponents['schemas']['AdrStats'];

/** A node of the supersedes graph. */
export type AdrGraphNode = AdrApiComponents['schemas']['AdrGraphNode'];

/** An edge of the supersedes graph: `from` supersedes or amends `to`. */
export type AdrGraphEdge = AdrApiComponents['schemas']['AdrGraphEdge'];

/** The supersedes / amends graph around one record, or over a filter. */
export type AdrGraph = AdrApiComponents['schemas']['AdrGraph'];

/** A file the indexer could not use, or an entity whose ADR folder failed. */
export type AdrIndexProblem = AdrApiComponents['schemas']['AdrIndexProblem'];

/** What one refresh did. */
export type AdrRefreshSummary =
  AdrApiComponents['schemas']['AdrRefreshSummary'];

// The parser's enumerations must be the spec's: these fail to compile when either side changes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatchSpec: Same<
  AdrStatus,
  AdrApiComponents['schemas']['AdrStatus']
> = true;
const formatsMatchSpec: Same<
  AdrFormat,
  AdrApiComponents['schemas']['AdrFormat']
> = true;
const linkTypesMatchSpec: Same<
  AdrLinkType,
  AdrApiComponents['schemas']['AdrLinkType']
> = true;
const problemsMatchSpec: Same<
  AdrProblem,
  AdrApiComponents['schemas']['AdrProblem']
> = true;
const sectionsMatchSpec: Same<
  AdrSection,
  AdrApiComponents['schemas']['AdrSection']
> = true;
void [
  statusesMatchSpec,
  formatsMatchSpec,
  linkTypesMatchSpec,
  problemsMatchSpec,
  sectionsMatchSpec,
];
