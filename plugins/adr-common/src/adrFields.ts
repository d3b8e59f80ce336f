import { AdrFormat, AdrLinkType, AdrSection, AdrStatus } from './types';

// The fields of a record read on their own: file names, statuses, dates, references.

/**
 * Names of ADR files: a number first (`0007-use-x.md`, `ADR-007-use-x.md`), markdown extension.
 * README, index and template files do not match, so the indexer ignores them.
 */
const ADR_FILE_NAME = /^(?:adr[-_ ]?)?(\d{1,6})[-_ .]+\S.*\.(?:md|markdown)$/i;

/** True when a file name looks like a decision record rather than a README or template. */
export function isAdrFileName(fileName: string): boolean {
  const base = fileName.split('/').pop() ?? '';
  if (!ADR_FILE_NAME.test(base)) {
    return false;
  }
  // The MADR starter file (0000-template.md, adr-template.md), not a record whose title ends
  // in "template" (0007-adopt-a-pull-request-template.md is a decision)
  return !/^(?:adr[-_ ]?)?0+[-_ .]+(?:adr[-_ ]?)?template\.(md|markdown)$/i.test(base);
}

/** The record number in a file name, or null. */
export function adrNumberFromFileName(fileName: string): number | null {
  const match = ADR_FILE_NAME.exec(fileName.split('/').pop() ?? '');
  return match ? Number(match[1]) : null;
}

const STATUS_WORDS: Array<[RegExp, AdrStatus]> = [
  [/^(superseded|replaced|obsoleted by)\b/, 'superseded'],
  [/^(accepted|approved|adopted|decided|done|agreed|active)\b/, 'accepted'],
  [/^(proposed|draft|open|pending|in[ -]review|under review|wip|in progress|suggested)\b/, 'proposed'],
  [/^(rejected|declined|refused|abandoned)\b/, 'rejected'],
  [/^(deprecated|obsolete|retired|withdrawn)\b/, 'deprecated'],
];

/** Normalises a status as written ("Accepted", "superseded by ADR-0004") to one of five. */
export function normaliseAdrStatus(raw: string): AdrStatus | null {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/^[*_`\[\s]+/, '');
  for (const [pattern, status] of STATUS_WORDS) {
    if (pattern.test(text)) {
      return status;
    }
  }
  return null;
}

const RELATION_WORDS: Array<[RegExp, AdrLinkType]> = [
  [/^superseded[ -]by\b/i, 'superseded-by'],
  [/^(replaced|obsoleted)[ -]by\b/i, 'superseded-by'],
  [/^supersedes?\b/i, 'supersedes'],
  [/^replaces\b/i, 'supersedes'],
  [/^amended[ -]by\b/i, 'amended-by'],
  [/^amends?\b/i, 'amends'],
];

/** The relation a "Superseded by ..." style line names, if any. */
export function relationOf(text: string): AdrLinkType | undefined {
  const trimmed = text.trim().replace(/^[*_\s]+/, '');
  return RELATION_WORDS.find(([pattern]) => pattern.test(trimmed))?.[1];
}

/** Reads a reference to another record: `ADR-0004`, `4`, `0004-use-x.md`, `../x/0004-use-x.md`. */
export function parseAdrReference(
  target: string,
  href?: string,
): { number?: number; path?: string } {
  const result: { number?: number; path?: string } = {};
  if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    const path = href.split('#')[0];
    if (path) {
      result.path = path;
      const fromName = adrNumberFromFileName(path);
      if (fromName !== null) {
        result.number = fromName;
      }
    }
  }
  if (result.number === undefined) {
    const fromName = adrNumberFromFileName(target.trim());
    if (fromName !== null) {
      result.number = fromName;
      result.path = result.path ?? target.trim();
    } else {
      const match = /^(?:\[)?(?:adr|decision)?[\s#-]*0*(\d{1,6})\b/i.exec(target.trim());
      if (match) {
        result.number = Number(match[1]);
      }
    }
  }
  return result;
}

function isValidIsoDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Normalises a date to YYYY-MM-DD, or returns null. */
export function normaliseAdrDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return null;
  }
  const text = String(value).trim();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isValidIsoDate(year, month, day)
      ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`
      : null;
  }
  match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (match) {
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isValidIsoDate(year, month, day)
      ? `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`
      : null;
  }
  return null;
}

/** A YAML list or a comma/semicolon separated string as clean items. */
export function toList(value: unknown): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  const items = Array.isArray(value) ? value : String(value).split(/[,;]/);
  return items
    .map(item => (typeof item === 'object' ? JSON.stringify(item) : String(item)))
    .map(item => item.replace(/[*_`]/g, '').trim())
    .filter(item => item.length > 0);
}

/** A title made from a file name: `0007-use-kafka.md` gives "Use kafka". */
export function humanise(fileName: string): string {
  const stem = fileName.replace(/\.(md|markdown)$/i, '').replace(/^(?:adr[-_ ]?)?\d+[-_ .]+/i, '');
  const words = stem.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : fileName;
}

/** Sections whose titles say they hold the decision itself. */
export function findAdrSection(
  sections: AdrSection[],
  ...titles: string[]
): AdrSection | undefined {
  return sections.find(section =>
    titles.some(title => section.title.toLowerCase().startsWith(title.toLowerCase())),
  );
}

/** Formats the record format for people. */
export function describeAdrFormat(format: AdrFormat): string {
  switch (format) {
    case 'madr-4':
      return 'MADR 4';
    case 'madr-3':
      return 'MADR 3';
    case 'madr-2':
      return 'MADR 2';
    case 'nygard':
      return 'Nygard';
    default:
      return 'Markdown';
  }
}
