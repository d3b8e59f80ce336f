/*
 * Benchmark-only backend (bench/adr.mjs): the catalog, Souverain's decision index at /api/adr,
 * and @backstage-community/plugin-adr-backend's router at /api/adrcommunity, in one process,
 * over the same generated entities and files. Never deployed.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter as createCommunityRouter } from '@backstage-community/plugin-adr-backend';
import { marked } from 'marked';
import YAML from 'yaml';

/**
 * The community router takes a parser for the title, status and date of each file. The
 * version of its common package reachable here lacks the default one, so this is the same
 * logic written again: front matter, then the first list and the first heading, via marked.
 */
function communityMadrParser(content: string) {
  let front: Record<string, unknown> = {};
  let body = content;
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(content);
  if (match) {
    try {
      front = (YAML.parse(match[1]) as Record<string, unknown>) ?? {};
    } catch {
      front = {};
    }
    body = content.slice(match[0].length);
  }
  const tokens = marked.lexer(body);
  const list = tokens.find(t => t.type === 'list') as { items?: Array<{ text: string }> } | undefined;
  const fromList = (key: string) =>
    list?.items
      ?.find(item => new RegExp(`^${key}:`, 'i').test(item.text))
      ?.text.replace(new RegExp(`^${key}:`, 'i'), '')
      .trim();
  const heading = tokens.find(t => t.type === 'heading' && (t as { depth: number }).depth === 1) as
    | { text: string }
    | undefined;
  return {
    title: heading?.text,
    status: (front.status as string | undefined) ?? fromList('status')?.toLowerCase(),
    date: (front.date as string | undefined) ?? fromList('date'),
  };
}

const communityAdrPlugin = createBackendPlugin({
  pluginId: 'adrcommunity',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        reader: coreServices.urlReader,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, reader, cache, httpRouter }) {
        httpRouter.use(
          await createCommunityRouter({
            logger,
            reader,
            cacheClient: cache,
            parser: communityMadrParser as any,
          }),
        );
      },
    });
  },
});

const backend = createBackend();
backend.add(import('@souverain/backend-module-local-files'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@souverain/plugin-adr-backend'));
backend.add(communityAdrPlugin);
backend.start();
