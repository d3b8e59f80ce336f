import type { Html, Nodes, Root } from 'mdast';
import { AdrProblem } from './types';

/**
 * The raw HTML and links of a record that the decision browser neutralises when it renders it
 * (HTML is shown as its source, unsafe links as plain text). The owners are told about each
 * kind separately, so that fixing the first one does not reveal the next only on re-index.
 *
 * micromark has already cut the HTML out of the markdown; the patterns below only look inside
 * those fragments, and they detect rather than sanitise: nothing here decides what is rendered.
 */

// Dangerous schemes; the renderer drops them (and any other non-web scheme) from links.
const UNSAFE_LINK_SCHEME = /^(javascript|vbscript|data|file):/i;

const SCRIPT_TAG = /<script\b/gi;
const EMBEDDING_TAG = /<(iframe|frame|frameset|object|embed|applet|portal)\b/gi;
const TAG = /<[a-z][^\s/>]*(?:[\s/][^>]*)?>?/gi;
const EVENT_HANDLER = /[\s"'/](on[a-z]+)\s*=/gi;
const URL_ATTRIBUTE = new RegExp(
  `[\\s"'/](?:href|src|action|formaction|xlink:href|data|poster|background)\\s*=\\s*` +
    `(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`,
  'gi',
);

interface Finding {
  line?: number;
  detail: string;
}

/**
 * Undoes what hides a scheme from a naive check but not from a browser: character references
 * (`jav&#x61;script:`) and the tabs, newlines and leading spaces browsers skip.
 */
function normaliseUrl(raw: string): string {
  return raw
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, hex) => character(Number.parseInt(hex, 16)))
    .replace(/&#(\d{1,7});?/g, (_, dec) => character(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&(?:tab|newline);/gi, '')
    // Browsers ignore control characters and spaces inside a URL's scheme (`java\0script:`), so
    // they are dropped before the scheme is compared: matching control characters is the point.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0020]/g, '');
}

// Out-of-range references become U+FFFD in a browser; String.fromCodePoint would throw.
function character(codePoint: number): string {
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\uFFFD';
}

function schemeOf(url: string): string {
  return `${normaliseUrl(url).split(':')[0].toLowerCase()}:`;
}

function lineAt(node: Html, offset: number): number | undefined {
  const start = node.position?.start.line;
  if (start === undefined) return undefined;
  return start + (node.value.slice(0, offset).match(/\n/g)?.length ?? 0);
}

function matchesIn(node: Html, pattern: RegExp): Array<{ match: RegExpExecArray; line?: number }> {
  return [...node.value.matchAll(pattern)].map(match => ({
    match,
    line: lineAt(node, match.index ?? 0),
  }));
}

/** Event-handler attributes inside the tags of one fragment, with the line of each. */
function eventHandlersIn(node: Html): Finding[] {
  return [...node.value.matchAll(TAG)].flatMap(tag =>
    [...tag[0].matchAll(EVENT_HANDLER)].map(attribute => ({
      line: lineAt(node, (tag.index ?? 0) + (attribute.index ?? 0)),
      detail: `${attribute[1].toLowerCase()}=`,
    })),
  );
}

function collect<T extends Nodes['type']>(
  node: Nodes,
  types: T[],
  into: Array<Extract<Nodes, { type: T }>>,
) {
  if ((types as string[]).includes(node.type)) {
    into.push(node as Extract<Nodes, { type: T }>);
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      collect(child, types, into);
    }
  }
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * " on lines 4 and 9" when the findings are on several lines. The first line is the problem's
 * own `line`, which the portal shows in front of the message, so one line is not repeated.
 */
function otherLines(findings: Finding[]): string {
  const lines = distinct(findings.flatMap(f => (f.line === undefined ? [] : [String(f.line)])));
  if (lines.length < 2) return '';
  return ` on lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

/** One warning for all findings of a kind, worded for one or for several. */
function problem(
  findings: Finding[],
  one: (finding: Finding) => string,
  several: (details: string, lines: string) => string,
): AdrProblem[] {
  if (findings.length === 0) return [];
  const message =
    findings.length === 1
      ? one(findings[0])
      : several(distinct(findings.map(f => f.detail)).join(', '), otherLines(findings));
  return [{ severity: 'warning', message, line: findings[0].line }];
}

/**
 * One warning per kind of unsafe content in a parsed record: `<script>` tags, embedding
 * elements (`<iframe>`, `<object>`...), event-handler attributes, links with an unsafe scheme
 * (in markdown and in HTML attributes), and any other raw HTML when none of these is present.
 */
export function unsafeContentProblems(tree: Root): AdrProblem[] {
  const html: Html[] = [];
  collect(tree, ['html'], html);

  const scripts: Finding[] = html.flatMap(node =>
    matchesIn(node, SCRIPT_TAG).map(({ line }) => ({ line, detail: '<script>' })),
  );
  const embeds: Finding[] = html.flatMap(node =>
    matchesIn(node, EMBEDDING_TAG).map(({ match, line }) => ({
      line,
      detail: `<${match[1].toLowerCase()}>`,
    })),
  );
  const handlers: Finding[] = html.flatMap(eventHandlersIn);

  const markdownLinks: Array<Extract<Nodes, { type: 'link' | 'image' | 'definition' }>> = [];
  collect(tree, ['link', 'image', 'definition'], markdownLinks);
  const unsafeMarkdownLinks: Finding[] = markdownLinks
    .filter(link => UNSAFE_LINK_SCHEME.test(normaliseUrl(link.url)))
    .map(link => ({ line: link.position?.start.line, detail: link.url }));
  const unsafeHtmlLinks: Finding[] = html.flatMap(node =>
    matchesIn(node, URL_ATTRIBUTE)
      .map(({ match, line }) => ({ line, detail: match[1] ?? match[2] ?? match[3] ?? '' }))
      .filter(link => UNSAFE_LINK_SCHEME.test(normaliseUrl(link.detail))),
  );
  const links = [...unsafeMarkdownLinks, ...unsafeHtmlLinks].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0),
  );

  const problems: AdrProblem[] = [
    ...problem(
      scripts,
      () => 'Contains a <script> tag; it is shown as text and never run',
      (_, lines) =>
        `Contains ${scripts.length} <script> tags${lines}; they are shown as text and never run`,
    ),
    ...problem(
      embeds,
      ({ detail }) =>
        `Contains an embedding element (${detail}); it is shown as text and never loads anything`,
      (details, lines) =>
        `Contains ${embeds.length} embedding elements (${details})${lines}; ` +
        'they are shown as text and never load anything',
    ),
    ...problem(
      handlers,
      ({ detail }) =>
        `Contains an event-handler attribute (${detail}); it is shown as text and never run`,
      (details, lines) =>
        `Contains ${handlers.length} event-handler attributes (${details})${lines}; ` +
        'they are shown as text and never run',
    ),
    ...problem(
      links.map(link => ({ line: link.line, detail: schemeOf(link.detail) })),
      () =>
        `Link to "${links[0].detail.slice(0, 60)}" uses an unsafe scheme; ` +
        'it is not rendered as a link',
      (schemes, lines) =>
        `${links.length} links use an unsafe scheme (${schemes})${lines}, ` +
        `the first "${links[0].detail.slice(0, 60)}"; they are not rendered as links`,
    ),
  ];
  // Other HTML (a <details>, a <br>) is harmless but still not rendered: say so once.
  const unsafeInHtml = scripts.length + embeds.length + handlers.length + unsafeHtmlLinks.length;
  if (html.length > 0 && unsafeInHtml === 0) {
    problems.push({
      severity: 'warning',
      message: 'Contains raw HTML; it is shown as text, not rendered',
      line: html[0].position?.start.line,
    });
  }
  return problems;
}
