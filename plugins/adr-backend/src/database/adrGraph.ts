import { AdrGraph, AdrGraphEdge, AdrGraphNode, AdrLink } from '@souverain/plugin-adr-common';
import { Knex } from 'knex';

const GRAPH_MAX_NODES = 300;
const CHUNK = 200;

/**
 * The supersedes/amends graph around one record or an entity's records: every resolved link,
 * walked breadth first from the seeds, up to a few hundred records.
 */
export async function readAdrGraph(db: Knex, options: { id?: string; entityRef?: string }): Promise<AdrGraph> {
  const edgeRows = await db('adr_links')
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
      await db('adr_records').where({ entity_ref: options.entityRef }).select('id')
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
    const rows = await db('adr_records')
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
