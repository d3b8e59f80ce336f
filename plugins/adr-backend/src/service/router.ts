import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ADR_STATUSES,
  AdrListQuery,
  adrIndexRefreshPermission,
} from '@souverain/plugin-adr-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AdrStore } from '../database/AdrStore';
import { ADR_MAX_PAGE_SIZE } from '../database/DatabaseAdrStore';
import { AdrIndexer } from '../indexer/AdrIndexer';
import { ResponseCache } from './ResponseCache';

/** What the router needs. */
export interface RouterOptions {
  store: AdrStore;
  indexer: AdrIndexer;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  /** How long read answers are reused when no local refresh clears them. Default 15 s; 0 turns the cache off. */
  cacheTtlMs?: number;
}

const list = (max: number, item: z.ZodType<string>) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(value =>
      (Array.isArray(value) ? value : [value])
        .flatMap(v => v.split(','))
        .map(v => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max, `at most ${max} values`))
    .optional();

const entityRefSchema = z
  .string()
  .max(255)
  .transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value, { defaultKind: 'component' });
      const part = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
      if (![ref.kind, ref.namespace, ref.name].every(p => part.test(p))) {
        throw new Error('bad part');
      }
      return stringifyEntityRef(ref);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" is not an entity reference` });
      return z.NEVER;
    }
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(value => !Number.isNaN(Date.parse(value)), 'must be a real date');

const listQuerySchema = z
  .object({
    q: z.string().max(200, 'must be at most 200 characters').optional(),
    status: list(5, z.enum(ADR_STATUSES)),
    entityRef: list(100, entityRefSchema),
    system: list(100, entityRefSchema),
    domain: list(100, entityRefSchema),
    owner: list(100, entityRefSchema),
    tag: list(20, z.string().max(100)),
    from: isoDate.optional(),
    to: isoDate.optional(),
    sort: z.enum(['date', 'number', 'title', 'status']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(ADR_MAX_PAGE_SIZE, `must be at most ${ADR_MAX_PAGE_SIZE}`)
      .optional(),
    offset: z.coerce
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(1_000_000)
      .optional(),
    include: z.enum(['body']).optional(),
  })
  .strict()
  .refine(q => !q.from || !q.to || q.from <= q.to, {
    message: '"from" must not be after "to"',
    path: ['from'],
  });

const idSchema = z.string().regex(/^[a-f0-9]{40}$/, 'is not a decision record id');

const graphQuerySchema = z
  .object({ id: idSchema.optional(), entityRef: entityRefSchema.optional() })
  .strict()
  .refine(q => Boolean(q.id) !== Boolean(q.entityRef), {
    message: 'give exactly one of "id" or "entityRef"',
  });

const scopeQuerySchema = z.object({ entityRef: entityRefSchema.optional() }).strict();

const refreshBodySchema = z
  .object({ entityRef: entityRefSchema.optional() })
  .strict()
  .default({});

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.filter(part => typeof part === 'string').join('.');
    const where = field ? `"${field}" ` : '';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown parameter ${issue.keys.map(k => `"${k}"`).join(', ')}`
        : `${where}${issue.message}`;
    throw new InputError(`Invalid ${what}: ${message}`);
  }
  return result.data;
}

/** The decision browser's HTTP API. Every route needs a signed-in user or a backend service. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { store, indexer, httpAuth, permissions, auditor } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const reader = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const ttlMs = options.cacheTtlMs ?? 15_000;
  const cache = new ResponseCache({ ttlMs, maxEntries: 5000 });
  // Requests for the same answer while it is being computed wait for that one computation
  // instead of each running the query (no stampede on a popular page after a refresh).
  const inflight = new Map<string, Promise<string>>();
  indexer.onChange(() => {
    cache.clear();
    inflight.clear();
  });
  /** Answers from the cache, or computes, stores and sends the answer. */
  const cached = async (
    req: express.Request,
    res: express.Response,
    compute: () => Promise<unknown>,
  ) => {
    const key = req.originalUrl;
    let body = ttlMs > 0 ? cache.get(key) : undefined;
    if (body === undefined) {
      let pending = inflight.get(key);
      if (!pending) {
        const generation = cache.currentGeneration;
        pending = (async () => JSON.stringify(await compute()))();
        inflight.set(key, pending);
        pending
          .then(value => {
            if (ttlMs > 0) cache.set(key, value, generation);
          })
          .catch(() => {})
          .finally(() => {
            if (inflight.get(key) === pending) inflight.delete(key);
          });
      }
      body = await pending;
    }
    res.type('application/json').send(body);
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/records', async (req, res) => {
    await reader(req);
    const { include, ...query } = parse(listQuerySchema, req.query, 'query');
    await cached(req, res, () =>
      store.list(query as AdrListQuery, { includeBody: include === 'body' }),
    );
  });

  router.get('/records/:id', async (req, res) => {
    await reader(req);
    const id = parse(idSchema, req.params.id, 'record id');
    await cached(req, res, async () => {
      const record = await store.get(id);
      if (!record) {
        throw new NotFoundError(`No decision record ${id}`);
      }
      return record;
    });
  });

  router.get('/graph', async (req, res) => {
    await reader(req);
    const query = parse(graphQuerySchema, req.query, 'query');
    await cached(req, res, async () => {
      if (query.id && !(await store.get(query.id))) {
        throw new NotFoundError(`No decision record ${query.id}`);
      }
      return store.graph(query);
    });
  });

  router.get('/stats', async (req, res) => {
    await reader(req);
    const query = parse(scopeQuerySchema, req.query, 'query');
    await cached(req, res, () => store.stats(query));
  });

  router.get('/problems', async (req, res) => {
    await reader(req);
    const query = parse(scopeQuerySchema, req.query, 'query');
    await cached(req, res, async () => ({ items: await store.problems(query) }));
  });

  router.post('/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body = parse(refreshBodySchema, req.body ?? {}, 'body');
    const auditorEvent = await auditor.createEvent({
      eventId: 'adr-index-refresh',
      severityLevel: 'medium',
      request: req,
      meta: body.entityRef ? { entityRef: body.entityRef } : {},
    });
    try {
      const [decision] = await permissions.authorize(
        [{ permission: adrIndexRefreshPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError('Only portal admins may force a refresh of the decision index');
      }
      const summary = body.entityRef
        ? await indexer.refreshEntity(body.entityRef)
        : await indexer.refreshAll();
      await auditorEvent.success({ meta: { ...summary } });
      res.json(summary);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
