import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';

/** True when `target` is `root` or below it (both absolute, already resolved). */
export function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Resolves a path given to an action against the task workspace and refuses anything that
 * ends up outside it: `..`, absolute paths, and symlinks (in the path or at its end) that point
 * out of the workspace. The path does not need to exist.
 */
export async function resolveInWorkspace(workspacePath: string, relativePath: string): Promise<string> {
  const workspace = await fs.realpath(workspacePath);
  let candidate: string;
  try {
    candidate = resolveSafeChildPath(workspace, relativePath);
  } catch {
    throw new NotAllowedError(`"${relativePath}" is outside the task workspace`);
  }
  // Follow every symlink on the way: the deepest existing ancestor must resolve inside
  let existing = candidate;
  for (;;) {
    try {
      const real = await fs.realpath(existing);
      if (!isWithin(workspace, real)) {
        throw new NotAllowedError(
          `"${relativePath}" leads outside the task workspace through a symbolic link`,
        );
      }
      return path.join(real, path.relative(existing, candidate));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = path.dirname(existing);
      if (parent === existing) throw error;
      existing = parent;
    }
  }
}

/**
 * Lists every file below `dir` (relative paths, sorted). Symbolic links are refused when they
 * point outside `dir` (or nowhere), so nothing outside the workspace is ever read or copied
 * through one; links that stay inside are reported in `links`.
 */
export async function listWorkspaceFiles(dir: string): Promise<{ files: string[]; links: string[] }> {
  const root = await fs.realpath(dir);
  const files: string[] = [];
  const links: string[] = [];
  const walk = async (current: string) => {
    const entries = await fs.readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const relative = path.relative(root, full);
      if (entry.isSymbolicLink()) {
        const real = await fs.realpath(full).catch(() => undefined);
        if (!real || !isWithin(root, real)) {
          throw new NotAllowedError(
            `"${relative}" is a symbolic link that leads outside the workspace; nothing was published`,
          );
        }
        links.push(relative);
      } else if (entry.isDirectory()) {
        if (entry.name === '.git') {
          throw new NotAllowedError(`The workspace already holds a git folder at "${relative}"`);
        }
        await walk(full);
      } else if (entry.isFile()) {
        files.push(relative);
      } else {
        throw new NotAllowedError(`"${relative}" is not a regular file`);
      }
    }
  };
  await walk(root);
  return { files: files.sort(), links: links.sort() };
}
