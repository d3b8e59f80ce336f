import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  ACCESS_LEVELS,
  ACT_AS_HEADER,
  COMMENT_MIN_LENGTH,
  JUSTIFICATION_MIN_LENGTH,
  IDEMPOTENCY_KEY_HEADER,
  REQUEST_STATES,
  conciergeAuditReadPermission,
  conciergeRequestApprovePermission,
  conciergeRequestCreatePermission,
  conciergeRequestRevokePermission,
} from '@souverain/plugin-concierge-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ConciergeStore, DecisionRecord, RequestRecord } from '../database/ConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';
import { ExpiringCache } from './ExpiringCache';
import { Actor } from './Actor';
import { Concierge } from './Concierge';
import { canDecide } from './requestRules';

/** What the router needs. */
export interface RouterOptions {
  concierge: Concierge;
  store: ConciergeStore;
  policies: AccessPolicies;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  /** Public keys of the token provider, served as a JWKS. */
  jwks?: () => Promise<{ keys: unknown[] }>;
  /** Users the demo switcher may act as (local mode only); empty turns it off. */
  demoUsers?: string[];
  /** How long a user's permission decision is reused. Default 5 s; 0 asks every time. */
  permissionCacheMs?: number;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const createBody = z
  .object({
    resourceRef: z.string().min(1, 'is required').max(255),
    accessLevel: z.enum(ACCESS_LEVELS),
    durationMinutes: z.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute'),
    justification: z
      .string()
      .transform(s => s.trim())
      .pipe(
        z
          .string()
          .min(JUSTIFICATION_MIN_LENGTH, `must say why, in at least ${JUSTIFICATION_MIN_LENGTH} characters`)
          .max(2000),
      ),
    ticket: z
      .string()
      .trim()
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_./#:-]*$/, 'must be a ticket reference such as SEC-1234')
      .optional(),
    breakGlass: z.boolean().optional(),
  })
  .strict();

const commentBody = (required: boolean) =>
  z
    .object({
      comment: required
        ? z.string().trim().min(COMMENT_MIN_LENGTH, `is required (at least ${COMMENT_MIN_LENGTH} characters)`).max(2000)
        : z.string().trim().max(2000).optional(),
    })
    .strict();

const revokeBody = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

const listQuery = z
  .object({
    mine: z.enum(['true', 'false']).optional(),
    inbox: z.enum(['true', 'false']).optional(),
    review: z.enum(['true', 'false']).optional(),
    resourceRef: z.string().max(255).optional(),
    state: z
      .union([z.enum(REQUEST_STATES), z.array(z.enum(REQUEST_STATES))])
      .transform(v => (Array.isArray(v) ? v : [v]))
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const auditQuery = z
  .object({
    requestId: z.string().regex(REQUEST_ID, 'must be a request id').optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .strict();

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const first = result.error.issues[0];
    const path = first.path.length ? `${where}/${first.path.join('/')}` : where;
    throw new InputError(`${path} ${first.message}`);
  }
  return result.data;
}

/** The concierge's HTTP API at /api/concierge. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { concierge, store, httpAuth, permissions } = options;
  const demoUsers = new Set(options.demoUsers ?? []);
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  // Answers are about who may reach what, and some carry a credential: no cache may keep them,
  // and none is compressed, since compressing a secret next to text the caller chose is how
  // BREACH-style attacks read it back. (The JWKS route below sets its own, public, caching.)
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store, no-transform');
    next();
  });

  async function actorOf(req: express.Request): Promise<Actor & { signedInAs: string }> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const signedInAs = credentials.principal.userEntityRef;
    let userEntityRef = signedInAs;
    const actAs = req.header(ACT_AS_HEADER);
    if (actAs && actAs !== signedInAs) {
      if (!demoUsers.has(actAs)) {
        throw new NotAllowedError(
          demoUsers.size === 0
            ? 'Acting as another user is only possible in the local demo'
            : `${actAs} is not one of the demo users`,
        );
      }
      userEntityRef = actAs;
    }
    return { userEntityRef, signedInAs, groups: await concierge.resources.groupsOf(userEntityRef), credentials };
  }

  // A user's decision for a basic permission is reused for a few seconds: it depends only on
  // the user and the policy, and the user's token already carries groups for up to an hour.
  const permissionDecisions = new ExpiringCache<boolean>(options.permissionCacheMs ?? 5_000);

  async function allowed(credentials: BackstageCredentials, permission: BasicPermission) {
    const principal = credentials.principal as { type?: string; userEntityRef?: string };
    const ask = async () => {
      const [decision] = await permissions.authorize([{ permission }], { credentials });
      return decision.result === AuthorizeResult.ALLOW;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) return ask();
    return permissionDecisions.get(`${principal.userEntityRef}|${permission.name}`, ask);
  }

  async function authorize(credentials: BackstageCredentials, permission: BasicPermission, what: string) {
    if (!(await allowed(credentials, permission))) {
      throw new NotAllowedError(`You are not allowed to ${what}`);
    }
  }

  function requestId(req: express.Request): string {
    const id = req.params.id;
    if (!REQUEST_ID.test(id)) throw new NotFoundError(`No access request ${id}`);
    return id;
  }

  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.json(options.jwks ? await options.jwks() : { keys: [] });
  });

  router.get('/whoami', async (req, res) => {
    const actor = await actorOf(req);
    res.json({
      userEntityRef: actor.userEntityRef,
      signedInAs: actor.signedInAs,
      groups: actor.groups,
      demoUsers: [...demoUsers],
      permissions: {
        create: await allowed(actor.credentials, conciergeRequestCreatePermission),
        auditRead: await allowed(actor.credentials, conciergeAuditReadPermission),
      },
    });
  });

  router.get('/policies', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: options.policies.policies, breakGlass: options.policies.breakGlass });
  });

  router.get('/preview', async (req, res) => {
    const actor = await actorOf(req);
    const query = parse(
      z.object({ resourceRef: z.string().min(1).max(255), accessLevel: z.enum(ACCESS_LEVELS) }).strict(),
      req.query,
      'query',
    );
    res.json(await concierge.intake.preview(query.resourceRef, query.accessLevel, actor));
  });

  router.post('/requests', async (req, res) => {
    const actor = await actorOf(req);
    await authorize(actor.credentials, conciergeRequestCreatePermission, 'ask for access');
    const body = parse(createBody, req.body, 'request/body');
    const key = req.header(IDEMPOTENCY_KEY_HEADER);
    if (key !== undefined && !/^[\x21-\x7e]{8,255}$/.test(key)) {
      throw new InputError(`${IDEMPOTENCY_KEY_HEADER} must be 8 to 255 visible ASCII characters`);
    }
    const { request, replayed } = await concierge.intake.create(body, actor, key);
    // Mutations answer with the request's state; its timeline is on GET /requests/:id. A request
    // this call made has no decisions yet (a replayed one may have some).
    const [view] = await concierge.views.toViews([request], actor, false, replayed ? undefined : new Map([[request.id, []]]));
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(replayed ? 200 : 201).json(view);
  });

  router.get('/requests', async (req, res) => {
    const actor = await actorOf(req);
    actor.canAudit = await allowed(actor.credentials, conciergeAuditReadPermission);
    const query = parse(listQuery, req.query, 'query');
    if (query.inbox === 'true') {
      const pending = await store.listRequests({ states: ['pending'], resourceRef: query.resourceRef, limit: 500 });
      const decisions = await store.getDecisions(pending.items.map(r => r.id));
      const mine = pending.items.filter(record =>
        canDecide(record, actor, decisions.filter(d => d.requestId === record.id)),
      );
      const page = mine.slice(query.offset, query.offset + query.limit);
      res.json({ items: await concierge.views.toViews(page, actor), totalCount: mine.length });
      return;
    }
    if (query.review === 'true') {
      const unreviewed = await store.listRequests({ unreviewedBreakGlass: true, limit: 500 });
      const views = (await concierge.views.toViews(unreviewed.items, actor)).filter(view =>
        view.actions?.includes('review'),
      );
      res.json({ items: views.slice(query.offset, query.offset + query.limit), totalCount: views.length });
      return;
    }
    const result = await store.listRequests({
      requester: query.mine === 'true' ? actor.userEntityRef : undefined,
      resourceRef: query.resourceRef,
      states: query.state,
      limit: query.limit,
      offset: query.offset,
    });
    res.json({ items: await concierge.views.toViews(result.items, actor), totalCount: result.totalCount });
  });

  router.get('/requests/:id', async (req, res) => {
    const actor = await actorOf(req);
    actor.canAudit = await allowed(actor.credentials, conciergeAuditReadPermission);
    const record = await concierge.views.get(requestId(req));
    const [view] = await concierge.views.toViews([record], actor, true);
    res.json(view);
  });

  const respond = async (
    res: express.Response,
    actor: Actor,
    record: RequestRecord,
    decisions?: DecisionRecord[],
  ) => {
    const [view] = await concierge.views.toViews([record], actor, false, decisions && new Map([[record.id, decisions]]));
    res.json(view);
  };

  router.post('/requests/:id/approve', async (req, res) => {
    const actor = await actorOf(req);
    const id = requestId(req);
    await authorize(actor.credentials, conciergeRequestApprovePermission, 'approve access requests');
    const body = parse(commentBody(false), req.body, 'request/body');
    const { request, decisions } = await concierge.decisions.approve(id, actor, body.comment);
    await respond(res, actor, request, decisions);
  });

  router.post('/requests/:id/deny', async (req, res) => {
    const actor = await actorOf(req);
    const id = requestId(req);
    await authorize(actor.credentials, conciergeRequestApprovePermission, 'deny access requests');
    const body = parse(commentBody(true), req.body, 'request/body');
    const { request, decisions } = await concierge.decisions.deny(id, actor, body.comment!);
    await respond(res, actor, request, decisions);
  });

  router.post('/requests/:id/cancel', async (req, res) => {
    const actor = await actorOf(req);
    const id = requestId(req);
    await authorize(actor.credentials, conciergeRequestCreatePermission, 'cancel access requests');
    parse(z.object({}).strict(), req.body, 'request/body');
    await respond(res, actor, await concierge.decisions.cancel(id, actor));
  });

  router.post('/requests/:id/revoke', async (req, res) => {
    const actor = await actorOf(req);
    const id = requestId(req);
    await authorize(actor.credentials, conciergeRequestRevokePermission, 'revoke access');
    const body = parse(revokeBody, req.body, 'request/body');
    await respond(res, actor, await concierge.issuer.revoke(id, actor, body.reason || `revoked by ${actor.userEntityRef}`));
  });

  router.post('/requests/:id/retry', async (req, res) => {
    const actor = await actorOf(req);
    const id = requestId(req);
    await authorize(actor.credentials, conciergeRequestCreatePermission, 'retry access requests');
    parse(z.object({}).strict(), req.body, 'request/body');
    await respond(res, actor, await concierge.issuer.retry(id, actor));
  });

  router.post('/requests/:id/review', async (req, res) => {
    const actor = await actorOf(req);
    const id = requestId(req);
    await authorize(actor.credentials, conciergeRequestApprovePermission, 'review break-glass access');
    const body = parse(commentBody(true), req.body, 'request/body');
    await respond(res, actor, await concierge.decisions.review(id, actor, body.comment!));
  });

  router.post('/requests/:id/credential', async (req, res) => {
    const actor = await actorOf(req);
    const id = requestId(req);
    await authorize(actor.credentials, conciergeRequestCreatePermission, 'reveal credentials');
    res.json(await concierge.issuer.reveal(id, actor));
  });

  router.get('/audit', async (req, res) => {
    const actor = await actorOf(req);
    await authorize(actor.credentials, conciergeAuditReadPermission, 'read the audit log');
    const query = parse(auditQuery, req.query, 'query');
    res.json({
      items: await store.listAudit({ requestId: query.requestId, before: query.before, limit: query.limit }),
      headSeq: await store.auditHeadSeq(),
    });
  });

  const verify = async (req: express.Request, res: express.Response) => {
    const actor = await actorOf(req);
    await authorize(actor.credentials, conciergeAuditReadPermission, 'verify the audit log');
    const result = await store.verifyAudit();
    if (!result.intact) {
      options.logger.warn(`Concierge audit log verification failed: ${result.message}`);
    }
    res.json(result);
  };
  router.get('/audit/verify', verify);
  router.post('/audit/verify', verify);

  router.get('/audit/export', async (req, res) => {
    const actor = await actorOf(req);
    await authorize(actor.credentials, conciergeAuditReadPermission, 'export the audit log');
    // The log holds no secrets, and an export of a long log is worth compressing.
    res.set('Cache-Control', 'no-store');
    res.set('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.set('Content-Disposition', 'attachment; filename="concierge-audit.jsonl"');
    await store.exportAudit(async entries => {
      const chunk = `${entries.map(entry => JSON.stringify(entry)).join('\n')}\n`;
      if (!res.write(chunk)) await new Promise(resolve => res.once('drain', resolve));
    });
    res.end();
  });

  return router;
}
