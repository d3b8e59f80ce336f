import { AdrFacetValue, AdrRefreshSummary, AdrStats } from '@souverain/plugin-adr-common';
import { Knex } from 'knex';

/** Counts of the index by status, system, domain, owner, entity and tag, and its problems. */
export async function readAdrStats(
  db: Knex,
  options: { entityRef?: string },
  lastRefreshRun: () => Promise<AdrRefreshSummary | undefined>,
): Promise<AdrStats> {
  const scoped = () => {
    const q = db('adr_records');
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
      db('adr_problems')
        .modify(q => {
          if (options.entityRef) q.where('entity_ref', options.entityRef);
        })
        .count({ count: '*' })
        .first(),
      lastRefreshRun(),
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
