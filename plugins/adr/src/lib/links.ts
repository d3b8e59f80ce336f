import { isAdrFileName } from '@souverain/plugin-adr-common';

/** Where a link or image of a record's markdown goes. */
export type ResolvedLink =
  /** Another indexed record: open its view in the portal. */
  | { kind: 'record'; id: string }
  /** A web address (absolute, or relative resolved against an http(s) folder). */
  | { kind: 'external'; href: string }
  /** A link within the page. */
  | { kind: 'anchor'; href: string }
  /** Nowhere the browser may go (a local file of the demo, or an unsafe link): plain text. */
  | { kind: 'text' };

/** What relative links of one record are resolved against. */
export interface LinkContext {
  /** The record file's URL (file: or http(s)). */
  recordUrl: string;
  /** Finds the indexed record at an absolute file URL. */
  recordIdAt?: (url: string) => string | undefined;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** `scheme://host/path` without query and fragment, decoded, for comparing file URLs. */
export function comparableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    parsed.search = '';
    return decodeURI(parsed.href).replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** GitHub shows files under `/blob/`; ADR folders are resolved as `/tree/` URLs. */
export function toBrowsableUrl(url: string): string {
  return url.replace(/^(https:\/\/github\.com\/[^/]+\/[^/]+)\/tree\//i, '$1/blob/');
}

/** The URL an image of a repository is served from: GitHub's raw blob. */
export function toImageUrl(url: string): string {
  const browsable = toBrowsableUrl(url);
  if (/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\//i.test(browsable)) {
    const parsed = new URL(browsable);
    parsed.searchParams.set('raw', 'true');
    return parsed.href;
  }
  return browsable;
}

/**
 * Resolves a link of a record's markdown (after react-markdown's URL sanitising, which empties
 * unsafe ones like `javascript:`).
 */
export function resolveLink(
  href: string | undefined,
  context: LinkContext,
  options: { image?: boolean } = {},
): ResolvedLink {
  const value = href?.trim();
  if (!value) {
    return { kind: 'text' };
  }
  if (value.startsWith('#')) {
    return options.image ? { kind: 'text' } : { kind: 'anchor', href: value };
  }
  if (SCHEME.test(value) || value.startsWith('//')) {
    // Absolute: only web and mail links are followed.
    if (isHttp(value) || (!options.image && /^mailto:/i.test(value))) {
      return { kind: 'external', href: value };
    }
    return { kind: 'text' };
  }
  let absolute: URL;
  try {
    absolute = new URL(value, context.recordUrl);
  } catch {
    return { kind: 'text' };
  }
  if (!options.image && isAdrFileName(decodeURIComponent(absolute.pathname))) {
    const id = context.recordIdAt?.(comparableUrl(absolute.href));
    if (id) {
      return { kind: 'record', id };
    }
  }
  if (!isHttp(absolute.href)) {
    // file: folders of the demo cannot be opened from a browser
    return { kind: 'text' };
  }
  return {
    kind: 'external',
    href: options.image ? toImageUrl(absolute.href) : toBrowsableUrl(absolute.href),
  };
}

/** True when a markdown link points at another decision record file (needs the record index). */
export function linksToOtherFolders(markdown: string): boolean {
  return /\]\(\s*<?\.\.\/[^)\s]*\.(md|markdown)/i.test(markdown);
}
