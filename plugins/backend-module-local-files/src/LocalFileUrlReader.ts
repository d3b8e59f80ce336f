import {
  createServiceFactory,
  LoggerService,
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadTreeResponseFile,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { Config } from '@backstage/config';
import { NotAllowedError, NotFoundError, NotModifiedError, isError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/**
 * Config key listing the folders that `file:` URLs may be read from.
 *
 * @public
 */
export const LOCAL_FILES_ROOTS_CONFIG = 'souverain.localFiles.roots';

const MAX_TREE_FILES = 10_000;

/**
 * A UrlReader for `file:` URLs, so that catalog entities registered from local files (the demo
 * org in examples/, a laptop checkout) are read the same way as GitHub or GitLab ones.
 *
 * It only reads below the configured roots. Paths are resolved through symlinks before the
 * check, so a symlink cannot lead outside a root, and tree reads skip symlinks entirely.
 *
 * @public
 */
export class LocalFileUrlReader implements UrlReaderService {
  private readonly roots: string[];

  /** One reader for the configured roots, or none when no root is configured. */
  static fromConfig(config: Config, logger?: LoggerService): LocalFileUrlReader[] {
    const roots = config.getOptionalStringArray(LOCAL_FILES_ROOTS_CONFIG) ?? [];
    if (roots.length === 0) {
      return [];
    }
    logger?.info(`Reading file: URLs below ${roots.join(', ')}`);
    return [new LocalFileUrlReader(roots)];
  }

  /** Reads below `roots` (resolved against the working directory) and nowhere else. */
  constructor(roots: string[]) {
    this.roots = roots.map(root => path.resolve(root));
  }

  /** True when the URL is a `file:` URL below one of the roots (before resolving symlinks). */
  handles(url: URL): boolean {
    if (url.protocol !== 'file:') return false;
    const target = path.resolve(fileURLToPath(url));
    return this.roots.some(root => isWithin(root, target));
  }

  private async resolve(url: string): Promise<string> {
    let target: string;
    try {
      target = path.resolve(fileURLToPath(new URL(url)));
    } catch {
      throw new NotFoundError(`Not a file URL: ${url}`);
    }
    let real: string;
    try {
      real = await fs.realpath(target);
    } catch {
      throw new NotFoundError(`${url} does not exist`);
    }
    const realRoots = await Promise.all(
      this.roots.map(root => fs.realpath(root).catch(() => root)),
    );
    if (!realRoots.some(root => isWithin(root, real))) {
      throw new NotAllowedError(`${url} is outside the folders this portal may read`);
    }
    return real;
  }

  /** One file, with an etag from its size and modification time. */
  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const file = await this.resolve(url);
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      throw new NotFoundError(`${url} is not a file`);
    }
    const etag = `${stat.size}-${stat.mtimeMs}`;
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    const buffer = await fs.readFile(file);
    return {
      buffer: async () => buffer,
      stream: () => Readable.from(buffer),
      etag,
      lastModifiedAt: stat.mtime,
    };
  }

  /** Every file below a folder (symlinks left out); archives are not offered. */
  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const dir = await this.resolve(url);
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) {
      throw new NotFoundError(`${url} is not a folder`);
    }
    const entries: Array<{ rel: string; abs: string; size: number; mtime: Date }> = [];
    const walk = async (current: string) => {
      for (const entry of await fs.readdir(current, { withFileTypes: true })) {
        const abs = path.join(current, entry.name);
        if (entry.isDirectory()) {
          await walk(abs);
        } else if (entry.isFile()) {
          const rel = path.relative(dir, abs).split(path.sep).join('/');
          const info = await fs.stat(abs);
          if (!options?.filter || options.filter(rel, { size: info.size })) {
            entries.push({ rel, abs, size: info.size, mtime: info.mtime });
            if (entries.length > MAX_TREE_FILES) {
              throw new NotAllowedError(`${url} holds more than ${MAX_TREE_FILES} files`);
            }
          }
        }
        // Symlinks are skipped: they could point anywhere.
      }
    };
    await walk(dir);
    entries.sort((a, b) => a.rel.localeCompare(b.rel));
    const etag = createHash('sha256')
      .update(entries.map(e => `${e.rel}\u0000${e.size}\u0000${e.mtime.getTime()}`).join('\n'))
      .digest('hex');
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    const files: UrlReaderServiceReadTreeResponseFile[] = entries.map(entry => ({
      path: entry.rel,
      content: () => fs.readFile(entry.abs),
      lastModifiedAt: entry.mtime,
    }));
    return {
      etag,
      files: async () => files,
      archive: async () => {
        throw new NotAllowedError('Archives of local folders are not supported');
      },
      dir: async () => dir,
    };
  }

  /**
   * The catalog reads `url` locations through search. A plain file URL gives that file (or
   * nothing when it does not exist); glob patterns are not supported for local files.
   */
  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?[\]{}]/.test(decodeURIComponent(new URL(url).pathname))) {
      throw new NotAllowedError('Glob patterns are not supported for local files');
    }
    let response: UrlReaderServiceReadUrlResponse;
    try {
      response = await this.readUrl(url, { etag: options?.etag });
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') {
        return { files: [], etag: '' };
      }
      throw error;
    }
    const buffer = await response.buffer();
    return {
      files: [{ url, content: async () => buffer, lastModifiedAt: response.lastModifiedAt }],
      etag: response.etag ?? '',
    };
  }

  /** How the backend names this reader in its logs. */
  toString() {
    return `localFiles{roots=${this.roots.join(',')}}`;
  }
}

function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Adds {@link LocalFileUrlReader} to the backend's UrlReader, for the roots listed in
 * `souverain.localFiles.roots`. With no roots configured it adds nothing. It is backend-wide:
 * every plugin's `coreServices.urlReader` then reads those URLs.
 *
 * @public
 */
export const localFileUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return ({ config, logger }) =>
      LocalFileUrlReader.fromConfig(config, logger).map(reader => ({
        reader,
        predicate: (url: URL) => reader.handles(url),
      }));
  },
});
