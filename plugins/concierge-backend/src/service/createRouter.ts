import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { ConciergeStore } from '../database/ConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';
import { createOpenApiRouter } from '../schema/openapi';
import { Concierge } from './Concierge';
import { ApproveRequestModelImpl } from './endpoints/ApproveRequest.model';
import { bindApproveRequestEndpoint } from './endpoints/ApproveRequest.router';
import { Callers } from './endpoints/Callers';
import { CancelRequestModelImpl } from './endpoints/CancelRequest.model';
import { bindCancelRequestEndpoint } from './endpoints/CancelRequest.router';
import { CreateRequestModelImpl } from './endpoints/CreateRequest.model';
import { bindCreateRequestEndpoint } from './endpoints/CreateRequest.router';
import { DenyRequestModelImpl } from './endpoints/DenyRequest.model';
import { bindDenyRequestEndpoint } from './endpoints/DenyRequest.router';
import { ExportAuditModelImpl } from './endpoints/ExportAudit.model';
import { bindExportAuditEndpoint } from './endpoints/ExportAudit.router';
import { GetJwksModelImpl } from './endpoints/GetJwks.model';
import { bindGetJwksEndpoint } from './endpoints/GetJwks.router';
import { GetRequestModelImpl } from './endpoints/GetRequest.model';
import { bindGetRequestEndpoint } from './endpoints/GetRequest.router';
import { GetWhoamiModelImpl } from './endpoints/GetWhoami.model';
import { bindGetWhoamiEndpoint } from './endpoints/GetWhoami.router';
import { ListAuditModelImpl } from './endpoints/ListAudit.model';
import { bindListAuditEndpoint } from './endpoints/ListAudit.router';
import { ListPoliciesModelImpl } from './endpoints/ListPolicies.model';
import { bindListPoliciesEndpoint } from './endpoints/ListPolicies.router';
import { ListRequestsModelImpl } from './endpoints/ListRequests.model';
import { bindListRequestsEndpoint } from './endpoints/ListRequests.router';
import { PreviewRequestModelImpl } from './endpoints/PreviewRequest.model';
import { bindPreviewRequestEndpoint } from './endpoints/PreviewRequest.router';
import { RetryRequestModelImpl } from './endpoints/RetryRequest.model';
import { bindRetryRequestEndpoint } from './endpoints/RetryRequest.router';
import { RevealCredentialModelImpl } from './endpoints/RevealCredential.model';
import { bindRevealCredentialEndpoint } from './endpoints/RevealCredential.router';
import { ReviewRequestModelImpl } from './endpoints/ReviewRequest.model';
import { bindReviewRequestEndpoint } from './endpoints/ReviewRequest.router';
import { RevokeRequestModelImpl } from './endpoints/RevokeRequest.model';
import { bindRevokeRequestEndpoint } from './endpoints/RevokeRequest.router';
import { VerifyAuditModelImpl } from './endpoints/VerifyAudit.model';
import { bindVerifyAuditEndpoints } from './endpoints/VerifyAudit.router';

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

/**
 * The concierge's HTTP API at /api/concierge, validated against src/schema/openapi.yaml. Every
 * route but the JWKS needs a signed-in user (the policies also answer backend services).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { concierge, store, httpAuth } = options;
  const { intake, decisions, issuer, views } = concierge;
  const { router, api } = await createOpenApiRouter({ jsonLimit: '64kb' });
  const callers = new Callers({
    httpAuth,
    permissions: options.permissions,
    resources: concierge.resources,
    demoUsers: options.demoUsers,
    permissionCacheMs: options.permissionCacheMs,
  });

  bindGetJwksEndpoint(api, { model: new GetJwksModelImpl(options.jwks) });
  bindGetWhoamiEndpoint(api, {
    model: new GetWhoamiModelImpl(callers),
    callers,
  });
  bindListPoliciesEndpoint(api, {
    model: new ListPoliciesModelImpl(options.policies),
    httpAuth,
  });
  bindPreviewRequestEndpoint(api, {
    model: new PreviewRequestModelImpl(intake),
    callers,
  });
  bindCreateRequestEndpoint(api, {
    model: new CreateRequestModelImpl({ intake, views, callers }),
    callers,
  });
  bindListRequestsEndpoint(api, {
    model: new ListRequestsModelImpl({ store, views, callers }),
    callers,
  });
  bindGetRequestEndpoint(api, {
    model: new GetRequestModelImpl({ views, callers }),
    callers,
  });
  bindApproveRequestEndpoint(api, {
    model: new ApproveRequestModelImpl({ decisions, views, callers }),
    callers,
  });
  bindDenyRequestEndpoint(api, {
    model: new DenyRequestModelImpl({ decisions, views, callers }),
    callers,
  });
  bindCancelRequestEndpoint(api, {
    model: new CancelRequestModelImpl({ decisions, views, callers }),
    callers,
  });
  bindRevokeRequestEndpoint(api, {
    model: new RevokeRequestModelImpl({ issuer, views, callers }),
    callers,
  });
  bindRetryRequestEndpoint(api, {
    model: new RetryRequestModelImpl({ issuer, views, callers }),
    callers,
  });
  bindReviewRequestEndpoint(api, {
    model: new ReviewRequestModelImpl({ decisions, views, callers }),
    callers,
  });
  bindRevealCredentialEndpoint(api, {
    model: new RevealCredentialModelImpl({ issuer, callers }),
    callers,
  });
  bindListAuditEndpoint(api, {
    model: new ListAuditModelImpl({ store, callers }),
    callers,
  });
  bindVerifyAuditEndpoints(api, {
    model: new VerifyAuditModelImpl({ store, callers, logger: options.logger }),
    callers,
  });
  bindExportAuditEndpoint(api, {
    model: new ExportAuditModelImpl({ store, callers }),
    callers,
  });

  const outer = Router();
  // Answers are about who may reach what, and some carry a credential: no cache may keep them,
  // and none is compressed, since compressing a secret next to text the caller chose is how
  // BREACH-style attacks read it back. (The JWKS and the export set their own caching.)
  outer.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store, no-transform');
    next();
  });
  outer.use(router);
  return outer;
}
