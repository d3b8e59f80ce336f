import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Heading, Link, Nodes, Root, RootContent } from 'mdast';
import { parseDocument } from 'yaml';
import {
  adrNumberFromFileName,
  humanise,
  normaliseAdrDate,
  normaliseAdrStatus,
  parseAdrReference,
  relationOf,
  toList,
} from './adrFields';
import { collect, metadataLines } from './adrMetadata';
import { AdrLink, AdrLinkType, AdrProblem, ParsedAdr } from './types';
import { unsafeContentProblems } from './unsafeContent';

/** Files larger than this are not parsed (1 MiB). */
export const ADR_DEFAULT_MAX_BYTES = 1024 * 1024;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

function byteLength(content: string): number {
  // Cheap upper bound first: a UTF-16 unit is at most three UTF-8 bytes.
  if (content.length * 3 < ADR_DEFAULT_MAX_BYTES / 4) {
    return content.length;
  }
  return new TextEncoder().encode(content).length;
}

/**
 * Parses one architecture decision record.
 *
 * Reads MADR 2, 3 and 4 (YAML front matter), Nygard records (`## Status`, `## Context`,
 * `## Decision`, `## Consequences`) and `Status: X` / `Date: Y` lines under the title.
 * It never throws: what it cannot read is reported in `problems`.
 */
export function parseAdr(
  content: string,
  options: { path: string; maxBytes?: number },
): ParsedAdr {
  const path = options.path;
  const fileName = path.split('/').pop() ?? path;
  const number = adrNumberFromFileName(fileName);
  const problems: AdrProblem[] = [];
  const result: ParsedAdr = {
    path,
    fileName,
    number,
    title: humanise(fileName),
    format: 'unknown',
    status: null,
    statusRaw: null,
    date: null,
    deciders: [],
    consulted: [],
    informed: [],
    tags: [],
    links: [],
    sections: [],
    summary: '',
    body: '',
    problems,
  };
  if (number === null) {
    problems.push({
      severity: 'warning',
      message: `File name "${fileName}" does not start with a record number (e.g. 0007-use-x.md)`,
    });
  }

  const maxBytes = options.maxBytes ?? ADR_DEFAULT_MAX_BYTES;
  const size = byteLength(content);
  if (size > maxBytes) {
    problems.push({
      severity: 'error',
      message: `File is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for a decision record; it was not parsed`,
    });
    return result;
  }
  if (content.includes('\u0000') || (content.match(/\uFFFD/g)?.length ?? 0) > 8) {
    problems.push({
      severity: 'error',
      message: 'File is binary, not markdown text; it was not parsed',
    });
    return result;
  }
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    problems.push({ severity: 'error', message: 'File is empty' });
    return result;
  }

  let tree: Root;
  try {
    tree = fromMarkdown(text, {
      extensions: [frontmatter(['yaml'])],
      mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
    });
  } catch (error) {
    problems.push({
      severity: 'error',
      message: `Markdown could not be parsed: ${(error as Error).message}`,
    });
    return result;
  }

  // Front matter
  let front: Record<string, unknown> | undefined;
  let bodyStart = 0;
  const first = tree.children[0];
  if (first?.type === 'yaml') {
    bodyStart = first.position?.end.offset ?? 0;
    const doc = parseDocument(first.value, { prettyErrors: true, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      const line = (first.position?.start.line ?? 1) + (error.linePos?.[0].line ?? 0);
      problems.push({
        severity: 'error',
        message: `Front matter is not valid YAML: ${error.message.split('\n')[0]}`,
        line,
      });
    } else {
      const value = doc.toJS();
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        front = value as Record<string, unknown>;
      } else if (value !== null && value !== undefined) {
        problems.push({
          severity: 'error',
          message: 'Front matter must be a YAML mapping of keys to values',
          line: first.position?.start.line,
        });
      }
    }
  }
  result.body = text.slice(bodyStart).replace(/^\n+/, '');

  // Title, preamble and sections
  const children = tree.children.filter(node => node.type !== 'yaml');
  const titleIndex = children.findIndex(
    node => node.type === 'heading' && node.depth === 1,
  );
  const firstH2 = children.findIndex(node => node.type === 'heading' && node.depth === 2);
  if (titleIndex >= 0 && (firstH2 < 0 || titleIndex < firstH2)) {
    const heading = toString(children[titleIndex]).trim();
    const numbered = /^(?:adr[-\s]*)?(\d{1,6})[.:)\s-]+\s*(.+)$/i.exec(heading);
    result.title = numbered ? numbered[2].trim() : heading;
    if (result.number === null && numbered) {
      result.number = Number(numbered[1]);
    }
  } else if (typeof front?.title === 'string' && front.title.trim()) {
    result.title = front.title.trim();
  } else {
    problems.push({
      severity: 'warning',
      message: `No "# Title" heading; the title was taken from the file name`,
    });
  }
  const preamble = children.slice(
    titleIndex >= 0 && (firstH2 < 0 || titleIndex < firstH2) ? titleIndex + 1 : 0,
    firstH2 < 0 ? children.length : firstH2,
  );

  const sectionNodes = new Map<string, RootContent[]>();
  let current: { heading: Heading; nodes: RootContent[] } | undefined;
  const closeSection = (endOffset: number) => {
    if (!current) return;
    const start = current.heading.position?.end.offset ?? 0;
    const title = toString(current.heading).trim();
    result.sections.push({ title, markdown: text.slice(start, endOffset).trim() });
    sectionNodes.set(title.toLowerCase(), current.nodes);
  };
  for (const node of children) {
    if (node.type === 'heading' && node.depth <= 2) {
      closeSection(node.position?.start.offset ?? text.length);
      current = node.depth === 2 ? { heading: node, nodes: [] } : undefined;
    } else if (current) {
      current.nodes.push(node);
    }
  }
  closeSection(text.length);

  // Metadata: front matter first, then `Key: value` lines, then a Nygard status section
  const links: AdrLink[] = [];
  const addLink = (type: AdrLinkType, target: string, href?: string) => {
    const clean = target.replace(/[*_`]/g, '').trim();
    if (!clean && !href) return;
    const reference = parseAdrReference(clean, href);
    if (
      !links.some(
        l =>
          l.type === type &&
          (l.target === clean ||
            (reference.number !== undefined && l.number === reference.number)),
      )
    ) {
      links.push({ type, target: clean || href!, ...reference });
    }
  };
  const addLinksFromValue = (type: AdrLinkType, value: unknown, found: Link[] = []) => {
    if (found.length > 0) {
      for (const link of found) addLink(type, toString(link), link.url);
      return;
    }
    for (const item of toList(value)) {
      // Markdown links written in YAML: "[ADR-0002](0002-x.md)"
      const md = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(item);
      if (md) addLink(type, md[1], md[2]);
      else addLink(type, item);
    }
  };
  const setStatus = (raw: string, found: Link[] = []) => {
    const cleaned = raw.replace(/[*_`]/g, '').trim();
    if (!cleaned || result.statusRaw !== null) return;
    result.statusRaw = cleaned;
    result.status = normaliseAdrStatus(cleaned);
    if (result.status === null) {
      problems.push({
        severity: 'warning',
        message: `Status "${cleaned}" is not one of proposed, accepted, rejected, deprecated or superseded`,
      });
    }
    const successor = /\b(?:superseded|replaced|obsoleted)[ -]by\s*:?\s*(.+)$/i.exec(cleaned);
    if (successor) {
      addLinksFromValue('superseded-by', successor[1], found);
    }
  };
  const setDate = (value: unknown) => {
    if (result.date !== null || value === undefined || value === null || value === '') return;
    const date = normaliseAdrDate(value);
    if (date) {
      result.date = date;
    } else {
      problems.push({
        severity: 'warning',
        message: `Date "${String(value)}" is not a date; expected YYYY-MM-DD`,
      });
    }
  };

  if (front) {
    const key = (...names: string[]) => {
      for (const name of names) {
        if (front![name] !== undefined) return front![name];
      }
      return undefined;
    };
    const status = key('status', 'Status');
    if (status !== undefined) setStatus(String(status));
    setDate(key('date', 'Date', 'last-updated'));
    result.deciders = toList(key('decision-makers', 'deciders', 'decision_makers'));
    result.consulted = toList(key('consulted'));
    result.informed = toList(key('informed'));
    result.tags = toList(key('tags')).map(tag => tag.toLowerCase());
    addLinksFromValue('supersedes', key('supersedes', 'replaces'));
    addLinksFromValue('superseded-by', key('superseded-by', 'superseded_by', 'supersededBy'));
    addLinksFromValue('amends', key('amends'));
    addLinksFromValue('amended-by', key('amended-by', 'amended_by', 'amendedBy'));
    result.format = key('decision-makers') !== undefined ? 'madr-4' : 'madr-3';
  }

  let sawPreambleMetadata = false;
  for (const node of preamble) {
    for (const line of metadataLines(node)) {
      sawPreambleMetadata = true;
      switch (line.key) {
        case 'status':
          setStatus(line.value, line.links);
          break;
        case 'date':
          setDate(line.value);
          break;
        case 'deciders':
          if (result.deciders.length === 0) result.deciders = toList(line.value);
          break;
        case 'consulted':
          if (result.consulted.length === 0) result.consulted = toList(line.value);
          break;
        case 'informed':
          if (result.informed.length === 0) result.informed = toList(line.value);
          break;
        case 'tags':
          if (result.tags.length === 0) {
            result.tags = toList(line.value).map(tag => tag.toLowerCase());
          }
          break;
        default:
          addLinksFromValue(line.key as AdrLinkType, line.value, line.links);
      }
    }
  }

  const statusSection = sectionNodes.get('status');
  if (statusSection) {
    for (const node of statusSection) {
      const blocks: Nodes[] = node.type === 'list' ? node.children : [node];
      for (const block of blocks) {
        const blockText = toString(block).trim();
        if (!blockText) continue;
        const found: Link[] = [];
        collect(block, 'link', found);
        const relation = relationOf(blockText);
        if (relation === 'superseded-by' && result.status !== 'superseded') {
          // adr-tools keeps "Accepted" and adds "Superseded by [...]" below it
          result.statusRaw = null;
          result.status = null;
          setStatus(blockText, found);
        } else if (relation) {
          const rest = blockText.replace(
            /^\s*(superseded[ -]by|supersedes?|replaces|replaced[ -]by|amended[ -]by|amends?)\s*:?\s*/i,
            '',
          );
          addLinksFromValue(relation, rest, found);
        } else if (result.statusRaw === null) {
          setStatus(blockText.split('\n')[0], found);
        }
      }
    }
  }

  if (result.format === 'unknown') {
    if (statusSection && (sectionNodes.has('context') || sectionNodes.has('decision'))) {
      result.format = 'nygard';
    } else if (sawPreambleMetadata) {
      result.format = 'madr-2';
    }
  }
  if (result.status === 'superseded' && !links.some(l => l.type === 'superseded-by')) {
    problems.push({
      severity: 'warning',
      message: 'Status is superseded but no successor is named (e.g. "superseded by ADR-0005")',
    });
  }
  result.links = links;
  if (result.statusRaw === null) {
    problems.push({
      severity: 'warning',
      message: 'No status found (front matter "status:", a "Status:" line or a "## Status" section)',
    });
  }

  // Summary: the first paragraph of the context, or the first paragraph of the record
  const contextKey = [...sectionNodes.keys()].find(title => title.startsWith('context'));
  const summarySource = (contextKey ? sectionNodes.get(contextKey) : undefined) ?? children;
  const paragraph = summarySource.find(
    node => node.type === 'paragraph' && !metadataLines(node).length,
  );
  if (paragraph) {
    const summary = toString(paragraph).replace(/\s+/g, ' ').trim();
    result.summary = summary.length > 300 ? `${summary.slice(0, 297)}...` : summary;
  }

  // Things the renderer will neutralise: tell the owners
  problems.push(...unsafeContentProblems(tree));
  return result;
}
