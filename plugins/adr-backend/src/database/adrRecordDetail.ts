import {
  AdrDetail,
  AdrLinkType,
  AdrProblem,
  AdrResolvedLink,
  AdrSection,
} from '@souverain/plugin-adr-common';
import { Knex } from 'knex';
import { RecordRow, toSummary } from './adrRecordRows';

const INVERSE: Record<AdrLinkType, AdrLinkType> = {
  supersedes: 'superseded-by',
  'superseded-by': 'supersedes',
  amends: 'amended-by',
  'amended-by': 'amends',
};


/** One record with its links resolved both ways: those it writes, and those written to it. */
export async function readAdrDetail(db: Knex, id: string): Promise<AdrDetail | undefined> {
  const row: RecordRow | undefined = await db('adr_records').where({ id }).first();
  if (!row) return undefined;
  const outgoing = await db('adr_links')
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
  const incoming = await db('adr_links')
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
