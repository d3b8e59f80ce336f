// A stand-in for a Git host (the GitHub REST API subset Backstage's GitHub UrlReader uses), so
// that the decision benchmark can compare plugins the way they run for real users: reading ADR
// folders from a repository host instead of the local disk. Each folder below `root` is served
// as repository `<owner>/<folder>` whose `docs/adr` holds the folder's files.
//
//   GET /api/v3/repos/:owner/:repo                                  default branch
//   GET /api/v3/repos/:owner/:repo/commits/:ref/status?per_page=0   commit sha + archive_url
//   GET /api/v3/repos/:owner/:repo/tarball/:sha                     the repository as tar.gz
//   GET /api/v3/repos/:owner/:repo/contents/:path?ref=main          raw file, ETag / 304
//
// `latencyMs` delays every answer, to stand for the network between the portal and the host.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as tar from 'tar';

export async function startGitHost({ root, owner = 'bench', port, latencyMs = 0 }) {
  const shas = new Map();
  const tarballs = new Map();
  const counts = { status: 0, tarball: 0, contents: 0, notModified: 0 };
  const base = `http://127.0.0.1:${port}/api/v3`;

  const shaOf = repo => {
    if (!shas.has(repo)) {
      const hash = crypto.createHash('sha1');
      for (const file of fs.readdirSync(path.join(root, repo)).sort()) {
        hash.update(file).update(fs.readFileSync(path.join(root, repo, file)));
      }
      shas.set(repo, hash.digest('hex'));
    }
    return shas.get(repo);
  };

  const tarballOf = async repo => {
    if (!tarballs.has(repo)) {
      // GitHub's layout: one top folder <owner>-<repo>-<sha>/ holding the repository
      const staging = fs.mkdtempSync(path.join(root, '..', '.tarball-'));
      const top = `${owner}-${repo}-${shaOf(repo).slice(0, 7)}`;
      fs.mkdirSync(path.join(staging, top, 'docs'), { recursive: true });
      fs.cpSync(path.join(root, repo), path.join(staging, top, 'docs', 'adr'), { recursive: true });
      const chunks = [];
      for await (const chunk of tar.c({ gzip: true, cwd: staging, portable: true }, [top])) chunks.push(chunk);
      fs.rmSync(staging, { recursive: true, force: true });
      tarballs.set(repo, Buffer.concat(chunks));
    }
    return tarballs.get(repo);
  };

  const server = http.createServer(async (req, res) => {
    try {
      if (latencyMs) await sleep(latencyMs);
      const url = new URL(req.url, base);
      const m = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(url.pathname);
      const repo = m?.[2];
      if (!m || m[1] !== owner || !repo || !fs.existsSync(path.join(root, repo))) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      const rest = m[3] ?? '';
      const json = body => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (rest === '') {
        json({ full_name: `${owner}/${repo}`, default_branch: 'main' });
      } else if (/^commits\/[^/]+\/status$/.test(rest)) {
        counts.status++;
        json({
          sha: shaOf(repo),
          repository: { full_name: `${owner}/${repo}`, archive_url: `${base}/repos/${owner}/${repo}/{archive_format}{/ref}` },
        });
      } else if (rest.startsWith('tarball/')) {
        counts.tarball++;
        res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(await tarballOf(repo));
      } else if (rest.startsWith('contents/docs/adr/')) {
        const file = path.join(root, repo, path.basename(decodeURIComponent(rest)));
        if (!fs.existsSync(file)) {
          res.writeHead(404).end();
          return;
        }
        counts.contents++;
        const content = fs.readFileSync(file);
        const etag = `"${crypto.createHash('sha1').update(content).digest('hex')}"`;
        if (req.headers['if-none-match'] === etag) {
          counts.notModified++;
          res.writeHead(304, { etag }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain', etag }).end(content);
      } else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise(resolve => server.listen(port, '127.0.0.1', resolve));
  return {
    apiBaseUrl: base,
    counts,
    /** The URL of a repository's ADR folder, as an entity annotation names it. */
    folderUrl: (host, repo) => `https://${host}/${owner}/${repo}/tree/main/docs/adr`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}
