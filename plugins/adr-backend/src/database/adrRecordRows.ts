import {
  AdrProblem,
  AdrStatus,
  AdrSummary,
} from '@souverain/plugin-adr-common';
import { createHash } from 'node:crypto';
import { IndexedAdr } from './AdrStore';

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

/** A record as stored in adr_records. */
export interface RecordRow {
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

/** The columns a list reads. */
export const SUMMARY_COLUMNS = [
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

/** The row of a parsed record. */
export function toRecordRow(record: IndexedAdr, indexedAt: string): RecordRow {
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

/** The list view of a record row. */
export function toSummary(row: Partial<RecordRow>): AdrSummary {
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
