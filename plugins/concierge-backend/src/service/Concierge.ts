import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CredentialProvider } from '@souverain/plugin-concierge-node';
import { SecretBox } from '../crypto/SecretBox';
import { ConciergeStore } from '../database/ConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';
import { ConciergeSweep } from './ConciergeSweep';
import { CredentialIssuer } from './CredentialIssuer';
import { CredentialProviders } from './CredentialProviders';
import { RequestDecisions } from './RequestDecisions';
import { RequestIntake } from './RequestIntake';
import { RequestNotices } from './RequestNotices';
import { RequestViews } from './RequestViews';
import { ResourceResolver } from './ResourceResolver';

/** What the concierge is built from. */
export interface ConciergeOptions {
  store: ConciergeStore;
  policies: AccessPolicies;
  providers: ReadonlyMap<string, CredentialProvider>;
  /** Used for resources whose provider is not available (the local demo without PostgreSQL). */
  fallbackProvider?: string;
  catalog: CatalogService;
  /** Service credentials for catalog reads the caller's own rights must not limit (group lookups). */
  serviceCredentials: () => Promise<BackstageCredentials>;
  secretBox: SecretBox;
  logger: LoggerService;
  notifications?: NotificationService;
  /** How long notifications to the same people wait to be grouped into one. Default 2 s. */
  notificationWindowMs?: number;
  /** How long a request waits for approval before it expires. Default 24 h. */
  pendingMinutes?: number;
  /** How long one issuance may take before another worker may retry it. Default 30 s. */
  issueLeaseSeconds?: number;
  now?: () => Date;
}

/**
 * The concierge's rules, one unit per job: who may ask for what (intake), who decides
 * (decisions), the life of a credential (issuer), the scheduled sweep, what each person sees
 * (views) and what they are told (notices). Every step is in the audit log.
 */
export interface Concierge {
  resources: ResourceResolver;
  intake: RequestIntake;
  decisions: RequestDecisions;
  issuer: CredentialIssuer;
  sweep: ConciergeSweep;
  views: RequestViews;
  notices: RequestNotices;
}

/** Wires the concierge's units together. */
export function createConcierge(options: ConciergeOptions): Concierge {
  const { store, policies, logger } = options;
  const now = options.now ?? (() => new Date());
  const providers = new CredentialProviders(options.providers, options.fallbackProvider);
  const resources = new ResourceResolver({ catalog: options.catalog, serviceCredentials: options.serviceCredentials });
  const notices = new RequestNotices({
    notifications: options.notifications,
    logger,
    breakGlass: policies.breakGlass,
    windowMs: options.notificationWindowMs,
  });
  const issuer = new CredentialIssuer({
    store,
    providers,
    resources,
    secretBox: options.secretBox,
    notices,
    logger,
    issueLeaseSeconds: options.issueLeaseSeconds,
    now,
  });
  return {
    resources,
    intake: new RequestIntake({
      store,
      policies,
      providers,
      resources,
      issuer,
      notices,
      pendingMinutes: options.pendingMinutes,
      now,
    }),
    decisions: new RequestDecisions({ store, breakGlass: policies.breakGlass, issuer, notices, now }),
    issuer,
    sweep: new ConciergeSweep({ store, providers, issuer, notices, logger, now }),
    views: new RequestViews({ store, breakGlass: policies.breakGlass }),
    notices,
  };
}
