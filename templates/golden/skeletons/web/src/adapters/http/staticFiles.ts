import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { HttpError } from './problem.ts';
import type { Handler } from './types.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Only our own scripts, styles and API: no inline script, no third-party origin, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(info => info.isFile(), () => false);
}

/**
 * Serves the built front end (web/dist) for requests no API route matched. Paths without an
 * extension get index.html, so that client-side routes survive a reload. Hashed assets are
 * cached for a year, index.html never. API paths (/v1/...) stay 404.
 */
export function serveStaticFiles(directory: string): Handler {
  const rootDir = resolve(directory);
  return async request => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(404, 'Not Found', `No route for ${request.method} ${request.path}.`);
    }
    const notFound = new HttpError(404, 'Not Found', `Nothing at ${request.path}.`);
    if (request.path.startsWith('/v1/')) throw notFound;
    const file = resolve(rootDir, `.${decodeURIComponent(request.path)}`);
    if (file !== rootDir && !file.startsWith(rootDir + sep)) throw notFound;

    let target = file;
    if (!(await isFile(target))) {
      if (extname(request.path) !== '') throw notFound;
      target = resolve(rootDir, 'index.html');
      if (!(await isFile(target))) {
        throw new HttpError(404, 'Not Found', 'The front end is not built: run `npm run build:web`.');
      }
    }
    const html = extname(target) === '.html';
    return {
      status: 200,
      headers: {
        'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
        'cache-control': html ? 'no-cache' : 'public, max-age=31536000, immutable',
        ...(html ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' } : {}),
      },
      body: await readFile(target),
    };
  };
}
