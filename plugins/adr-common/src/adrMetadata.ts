import { toString } from 'mdast-util-to-string';
import type { Link, Nodes, RootContent } from 'mdast';

/** One `Key: value` line of a record's preamble, with the links written in its value. */
export interface MetadataLine {
  key: string;
  value: string;
  links: Link[];
}

const METADATA_KEYS = new Map<string, string>([
  ['status', 'status'],
  ['date', 'date'],
  ['last updated', 'date'],
  ['deciders', 'deciders'],
  ['decision-makers', 'deciders'],
  ['decision makers', 'deciders'],
  ['consulted', 'consulted'],
  ['informed', 'informed'],
  ['tags', 'tags'],
  ['supersedes', 'supersedes'],
  ['superseded by', 'superseded-by'],
  ['superseded-by', 'superseded-by'],
  ['amends', 'amends'],
  ['amended by', 'amended-by'],
  ['amended-by', 'amended-by'],
]);

/** `Status: accepted` lines in list items or paragraphs under the title (MADR 2, Nygard dates). */
export function metadataLines(node: RootContent): MetadataLine[] {
  let blocks: Nodes[] = [];
  if (node.type === 'list') blocks = node.children;
  else if (node.type === 'paragraph') blocks = [node];
  const lines: MetadataLine[] = [];
  for (const block of blocks) {
    const start = block.position?.start.offset;
    const end = block.position?.end.offset;
    if (start === undefined || end === undefined) {
      continue;
    }
    const links: Link[] = [];
    collect(block, 'link', links);
    for (const rawLine of toString(block).split('\n')) {
      const match = /^\s*([A-Za-z][A-Za-z -]{1,20}?)\s*:\s*(.+)$/.exec(rawLine);
      const key = match && METADATA_KEYS.get(match[1].trim().toLowerCase());
      if (match && key) {
        const value = match[2].trim();
        lines.push({
          key,
          value,
          links: links.filter(link => value.includes(toString(link))),
        });
      }
    }
  }
  return lines;
}

/** Every node of a type below (and including) a node, in document order. */
export function collect<T extends Nodes['type']>(
  node: Nodes,
  type: T,
  into: Array<Extract<Nodes, { type: T }>>,
) {
  if (node.type === type) {
    into.push(node as Extract<Nodes, { type: T }>);
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      collect(child, type, into);
    }
  }
}
