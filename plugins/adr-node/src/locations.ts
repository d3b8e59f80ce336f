import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  getEntitySourceLocation,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { ADR_LOCATION_ANNOTATION } from '@souverain/plugin-adr-common';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where an entity's ADR folder is: the `backstage.io/adr-location` annotation resolved against
 * the entity's source location.
 *
 * The folder must stay inside the entity's repository:
 * - for entities read from files, inside the folder of the catalog location they came from
 *   (their origin location), so `../../etc` cannot reach the rest of the disk;
 * - for entities read from a Git host, inside the repository at the same ref.
 * Absolute URLs are allowed as written; the UrlReader's allow-list decides whether they are read.
 *
 * @public
 */
export function resolveAdrFolderUrl(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): string {
  const annotation = entity.metadata.annotations?.[ADR_LOCATION_ANNOTATION]?.trim();
  if (!annotation) {
    throw new InputError(`The entity has no ${ADR_LOCATION_ANNOTATION} annotation`);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(annotation)) {
    const url = new URL(annotation);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InputError(
        `${ADR_LOCATION_ANNOTATION} "${annotation}" must be a path relative to the entity, or an http(s) URL`,
      );
    }
    return stripSlash(url.href);
  }
  if (annotation.startsWith('/') || annotation.startsWith('\\') || /^[a-z]:\\/i.test(annotation)) {
    throw new InputError(
      `${ADR_LOCATION_ANNOTATION} "${annotation}" is an absolute path; write it relative to the entity's file`,
    );
  }
  if (annotation.includes('\u0000')) {
    throw new InputError(`${ADR_LOCATION_ANNOTATION} contains a NUL character`);
  }

  let source: { type: string; target: string };
  try {
    source = getEntitySourceLocation(entity);
  } catch (error) {
    throw new InputError(
      `The entity has no source location to resolve ${ADR_LOCATION_ANNOTATION} against`,
    );
  }

  if (source.type === 'file') {
    const entityFile = source.target.replace(/^file:/, '');
    const base = path.dirname(entityFile);
    const root = originRoot(entity) ?? base;
    const folder = path.resolve(base, annotation);
    if (!isWithin(root, folder)) {
      throw new InputError(
        `${ADR_LOCATION_ANNOTATION} "${annotation}" points outside the entity's repository (${root})`,
      );
    }
    return pathToFileURL(folder).href;
  }

  const target = source.target;
  const repoRoot = repositoryRoot(target);
  const baseDir = target.endsWith('/') ? target : target.replace(/[^/]*$/, '');
  const normalised = path.posix.normalize(annotation.replace(/\\/g, '/'));
  if (!repoRoot && (normalised === '..' || normalised.startsWith('../'))) {
    throw new InputError(
      `${ADR_LOCATION_ANNOTATION} "${annotation}" points above the entity's folder, and the repository root of ${target} is unknown`,
    );
  }
  const resolved = stripSlash(
    integrations.resolveUrl({ url: normalised, base: baseDir }),
  );
  if (repoRoot && !`${canonical(resolved)}/`.startsWith(repoRoot)) {
    throw new InputError(
      `${ADR_LOCATION_ANNOTATION} "${annotation}" points outside the entity's repository (${repoRoot})`,
    );
  }
  return resolved;
}

/** The folder of the catalog location an entity came from, for file locations. */
function originRoot(entity: Entity): string | undefined {
  const origin = entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
  if (!origin) return undefined;
  try {
    const ref = parseLocationRef(origin);
    return ref.type === 'file' ? path.dirname(ref.target.replace(/^file:/, '')) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The repository root at a ref, for the URL shapes of GitHub, GitLab, Gitea and Bitbucket, e.g.
 * `https://github.com/acme/payments/blob/main/` (always ending with a slash).
 */
export function repositoryRoot(url: string): string | undefined {
  const u = new URL(url);
  const parts = u.pathname.split('/');
  for (const marker of ['-/blob', '-/tree', 'blob', 'tree', 'src']) {
    const markerParts = marker.split('/');
    for (let i = 1; i + markerParts.length < parts.length; i++) {
      if (markerParts.every((m, j) => parts[i + j] === m)) {
        const end = i + markerParts.length + 1; // include the ref
        return canonical(`${u.origin}${parts.slice(0, end).join('/')}/`);
      }
    }
  }
  return undefined;
}

/** Blob, tree and src URLs of one repository compare equal once canonical. */
function canonical(url: string): string {
  return url.replace(/\/(-\/)?(blob|tree|src)\//, (_m, dash) => `/${dash ?? ''}tree/`);
}

function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/**
 * The URL of a file inside an ADR folder.
 *
 * @public
 */
export function fileUrlInFolder(folderUrl: string, relativePath: string): string {
  return new URL(
    relativePath.split('/').map(encodeURIComponent).join('/'),
    `${folderUrl}/`,
  ).href;
}
