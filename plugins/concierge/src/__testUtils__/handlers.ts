import {
  ACCESS_LEVELS,
  ACT_AS_HEADER,
  AccessLevel,
  AccessPolicySummary,
  AccessPreview,
  AccessRequest,
  AccessRequestList,
  AuditEntry,
  AuditVerification,
  ConciergeIdentity,
  CreateAccessRequest,
  IDEMPOTENCY_KEY_HEADER,
  RevealedCredential,
} from '@souverain/plugin-concierge-common';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { apply, invalidBody, invalidCreate, VERBS } from './requestRules';
import {
  accessRequest,
  auditEntries,
  inMinutes,
  intactChain,
  preview,
  revealed,
  THOMAS,
} from './fixtures';

/** Where `mockApis.discovery()` places the concierge backend. */
export const CONCIERGE_BASE_URL = 'http://example.com/api/concierge';

/** What the fake backend holds; tests change it before (or while) rendering. */
export interface ConciergeBackendState {
  /** The signed-in user, with the groups and permissions every caller has. */
  signedInAs: string;
  groups: string[];
  permissions: ConciergeIdentity['permissions'];
  /** Users the demo switcher may act as; empty outside the local demo. */
  demoUsers: string[];
  /** Every request in full (with its timeline), newest first; `actions` are the caller's. */
  requests: AccessRequest[];
  policies: AccessPolicySummary[];
  /** What the policy says about a level of access to a resource. */
  preview: (resourceRef: string, accessLevel: AccessLevel) => AccessPreview;
  /** The audit log, newest first. */
  audit: AuditEntry[];
  verification: AuditVerification;
  /** The secret a reveal shows, once. */
  secret: RevealedCredential;
}

/** A state change the fake backend was asked for. */
export interface ConciergeAction {
  id: string;
  verb: 'approve' | 'deny' | 'cancel' | 'revoke' | 'retry' | 'review' | 'credential';
  body: Record<string, unknown>;
}

/** What the fake backend was sent. */
export interface ConciergeBackendRequests {
  /** Every `POST /requests`: its body and idempotency key. */
  creates: Array<{ body: CreateAccessRequest; idempotencyKey: string | null }>;
  /** Every `POST /requests/:id/<verb>`, in order. */
  actions: ConciergeAction[];
}

/** A fake concierge backend served through msw: its state and what it received. */
export interface ConciergeBackend {
  state: ConciergeBackendState;
  requests: ConciergeBackendRequests;
}

/** An error answer with Backstage's error body, as the backend's error middleware writes it. */
export function errorResponse(
  request: Request,
  status: number,
  name: string,
  message: string,
): Response {
  const url = new URL(request.url);
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: request.method, url: `${url.pathname}${url.search}` },
      response: { statusCode: status },
    },
    { status },
  );
}

/** Handlers answering like `plugins/concierge-backend`'s router, over `backend`'s state. */
export function conciergeHandlers(backend: ConciergeBackend) {
  const { state, requests } = backend;
  const idempotent = new Map<string, string>();
  const url = (path: string) => `${CONCIERGE_BASE_URL}${path}`;

  /** The user the call acts for, or the refusal of an act-as the backend does not allow. */
  const actorOf = (request: Request): string | Response => {
    const actAs = request.headers.get(ACT_AS_HEADER);
    if (!actAs || actAs === state.signedInAs) return state.signedInAs;
    if (state.demoUsers.includes(actAs)) return actAs;
    return errorResponse(
      request,
      403,
      'NotAllowedError',
      state.demoUsers.length === 0
        ? 'Acting as another user is only possible in the local demo'
        : `${actAs} is not one of the demo users`,
    );
  };
  const forbidden = (request: Request, what: string) =>
    errorResponse(request, 403, 'NotAllowedError', `You are not allowed to ${what}`);
  const notFound = (request: Request, id: string) =>
    errorResponse(request, 404, 'NotFoundError', `No access request ${id}`);
  const badRequest = (request: Request, message: string) =>
    errorResponse(request, 400, 'InputError', message);

  return [
    http.get(url('/whoami'), ({ request }) => {
      const actor = actorOf(request);
      if (actor instanceof Response) return actor;
      return HttpResponse.json<ConciergeIdentity>({
        userEntityRef: actor,
        signedInAs: state.signedInAs,
        groups: state.groups,
        demoUsers: state.demoUsers,
        permissions: state.permissions,
      });
    }),

    http.get(url('/policies'), () =>
      HttpResponse.json<{ items: AccessPolicySummary[] }>({ items: state.policies }),
    ),

    http.get(url('/preview'), ({ request }) => {
      const actor = actorOf(request);
      if (actor instanceof Response) return actor;
      const params = new URL(request.url).searchParams;
      const resourceRef = params.get('resourceRef');
      const accessLevel = params.get('accessLevel') as AccessLevel;
      if (!resourceRef || !ACCESS_LEVELS.includes(accessLevel)) {
        return badRequest(request, 'query must have resourceRef and accessLevel');
      }
      return HttpResponse.json<AccessPreview>(state.preview(resourceRef, accessLevel));
    }),

    http.get(url('/requests'), ({ request }) => {
      const actor = actorOf(request);
      if (actor instanceof Response) return actor;
      const params = new URL(request.url).searchParams;
      const states = params.getAll('state');
      const resourceRef = params.get('resourceRef');
      const matching = state.requests.filter(r => {
        if (params.get('inbox') === 'true') {
          return r.state === 'pending' && Boolean(r.actions?.includes('approve'));
        }
        if (params.get('review') === 'true') return Boolean(r.actions?.includes('review'));
        if (params.get('mine') === 'true' && r.requester !== actor) return false;
        if (resourceRef && r.resourceRef !== resourceRef) return false;
        return states.length === 0 || states.includes(r.state);
      });
      const limit = Number(params.get('limit') ?? 100);
      const offset = Number(params.get('offset') ?? 0);
      return HttpResponse.json<AccessRequestList>({
        // Lists leave out the timeline; GET /requests/:id has it.
        items: matching.slice(offset, offset + limit).map(r => ({ ...r, transitions: [] })),
        totalCount: matching.length,
      });
    }),

    http.get(url('/requests/:id'), ({ request, params }) => {
      const actor = actorOf(request);
      if (actor instanceof Response) return actor;
      const found = state.requests.find(r => r.id === params.id);
      return found ? HttpResponse.json<AccessRequest>(found) : notFound(request, String(params.id));
    }),

    http.post(url('/requests'), async ({ request }) => {
      const actor = actorOf(request);
      if (actor instanceof Response) return actor;
      const body = (await request.json()) as CreateAccessRequest;
      const idempotencyKey = request.headers.get(IDEMPOTENCY_KEY_HEADER);
      requests.creates.push({ body, idempotencyKey });
      if (!state.permissions.create) return forbidden(request, 'ask for access');
      const problem = invalidCreate(body);
      if (problem) return badRequest(request, problem);
      const replayed = idempotencyKey ? idempotent.get(idempotencyKey) : undefined;
      if (replayed) {
        return HttpResponse.json(state.requests.find(r => r.id === replayed), {
          headers: { 'Idempotent-Replayed': 'true' },
        });
      }
      const policy = state.preview(body.resourceRef, body.accessLevel);
      const immediate = Boolean(body.breakGlass) || policy.approvals === 0;
      const next = 1 + Math.max(0, ...state.requests.map(r => Number(r.id.split('-')[1]) || 0));
      const created = accessRequest({
        ...body,
        id: `req-${next}`,
        requester: actor,
        justification: body.justification.trim(),
        breakGlass: Boolean(body.breakGlass),
        state: immediate ? 'active' : 'pending',
        policy: policy.policy,
        approvalsRequired: body.breakGlass ? 0 : policy.approvals,
        approverGroups: policy.approverGroups,
        transitions: [{ to: 'pending', actor, at: inMinutes(0) }],
        ...(immediate
          ? { activatedAt: inMinutes(0), expiresAt: inMinutes(body.durationMinutes) }
          : {}),
        actions: immediate ? ['revoke'] : ['cancel'],
      });
      state.requests = [created, ...state.requests];
      if (idempotencyKey) idempotent.set(idempotencyKey, created.id);
      return HttpResponse.json<AccessRequest>(created, { status: 201 });
    }),

    ...VERBS.map(verb =>
      http.post(url(`/requests/:id/${verb}`), async ({ request, params }) => {
        const actor = actorOf(request);
        if (actor instanceof Response) return actor;
        const id = String(params.id);
        const body = (await request.json()) as Record<string, unknown>;
        requests.actions.push({ id, verb, body });
        const problem = invalidBody(verb, body);
        if (problem) return badRequest(request, problem);
        const index = state.requests.findIndex(r => r.id === id);
        if (index < 0) return notFound(request, id);
        const current = state.requests[index];
        if (!current.actions?.includes(verb)) {
          return errorResponse(request, 409, 'ConflictError', `request ${id} cannot be given ${verb} now`);
        }
        const updated = apply(current, verb, actor, body);
        state.requests = state.requests.map((r, i) => (i === index ? updated : r));
        return HttpResponse.json<AccessRequest>({ ...updated, transitions: [] });
      }),
    ),

    http.post(url('/requests/:id/credential'), async ({ request, params }) => {
      const actor = actorOf(request);
      if (actor instanceof Response) return actor;
      const id = String(params.id);
      requests.actions.push({ id, verb: 'credential', body: (await request.json()) as {} });
      const found = state.requests.find(r => r.id === id);
      if (!found) return notFound(request, id);
      if (!found.actions?.includes('reveal') || !found.credential?.revealable) {
        return errorResponse(request, 409, 'ConflictError', `The credential of ${id} was already revealed`);
      }
      const updated: AccessRequest = {
        ...found,
        credential: { ...found.credential, revealable: false, revealedAt: inMinutes(0) },
        actions: found.actions.filter(a => a !== 'reveal'),
      };
      state.requests = state.requests.map(r => (r.id === id ? updated : r));
      return HttpResponse.json<RevealedCredential>({ ...state.secret, requestId: id });
    }),

    http.get(url('/audit'), ({ request }) => {
      if (!state.permissions.auditRead) return forbidden(request, 'read the audit log');
      const params = new URL(request.url).searchParams;
      const before = Number(params.get('before') ?? Infinity);
      const requestId = params.get('requestId');
      const limit = Number(params.get('limit') ?? 50);
      return HttpResponse.json<{ items: AuditEntry[]; headSeq: number }>({
        items: state.audit
          .filter(e => e.seq < before && (!requestId || e.requestId === requestId))
          .slice(0, limit),
        headSeq: Math.max(0, ...state.audit.map(e => e.seq)),
      });
    }),

    http.post(url('/audit/verify'), ({ request }) => {
      if (!state.permissions.auditRead) return forbidden(request, 'verify the audit log');
      return HttpResponse.json<AuditVerification>(state.verification);
    }),

    http.get(url('/audit/export'), ({ request }) => {
      if (!state.permissions.auditRead) return forbidden(request, 'export the audit log');
      return new HttpResponse(exportLines(state.audit), {
        headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' },
      });
    }),
  ];
}

/** The audit log as `GET /audit/export` streams it: oldest first, one JSON entry a line. */
export function exportLines(audit: AuditEntry[]): string {
  return [...audit]
    .sort((a, b) => a.seq - b.seq)
    .map(entry => `${JSON.stringify(entry)}\n`)
    .join('');
}

/**
 * Serves a fake concierge backend through `server` until the test ends (the handlers are reset
 * after each test): Thomas signed in, no requests and a three-entry audit log unless `init`
 * says otherwise.
 */
export function serveConciergeBackend(
  server: SetupServer,
  init: Partial<ConciergeBackendState> = {},
): ConciergeBackend {
  const backend: ConciergeBackend = {
    state: {
      signedInAs: THOMAS,
      groups: ['group:default/payments-team'],
      permissions: { create: true, auditRead: true },
      demoUsers: [],
      requests: [],
      policies: [],
      preview: (_resourceRef, accessLevel) => preview({ accessLevel }),
      audit: auditEntries,
      verification: intactChain,
      secret: revealed,
      ...init,
    },
    requests: { creates: [], actions: [] },
  };
  server.use(...conciergeHandlers(backend));
  return backend;
}
