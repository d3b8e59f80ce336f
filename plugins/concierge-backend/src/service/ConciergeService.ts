import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ACCESS_PROVIDER_ANNOTATION,
  ACCESS_TARGET_ANNOTATION,
  AccessLevel,
  AccessPreview,
  AccessRequest,
  AccessRequestAction,
  CreateAccessRequest,
  RequestState,
  RevealedCredential,
} from '@souverain/plugin-concierge-common';
import { CredentialProvider } from '@souverain/plugin-concierge-node';
import { createHash, randomUUID } from 'node:crypto';
import { SecretBox } from '../crypto/SecretBox';
import { ExpiringCache } from './ExpiringCache';
import { NotificationBatcher } from './NotificationBatcher';
import {
  AuditInput,
  ConciergeStore,
  DecisionRecord,
  RequestRecord,
} from '../database/ConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';

/** The concierge itself, as the actor of what it does on its own (expiry, recovery). */
export const CONCIERGE_ACTOR = 'plugin:concierge';

/** Thrown when a credential was already shown once. */
export class CredentialGoneError extends Error {
  readonly name = 'CredentialGoneError';
  readonly statusCode = 410;
}

/** What the service needs. */
export interface ConciergeServiceOptions {
  store: ConciergeStore;
  policies: AccessPolicies;
  providers: Map<string, CredentialProvider>;
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
  /**
   * Fault injection for the crash-recovery test: `exit-before-issue` kills the process right
   * after an approval commits, before the credential is issued. Ignored in production.
   */
  failpoint?: string;
}

/** Who is acting, and with which groups. */
export interface Actor {
  userEntityRef: string;
  groups: string[];
  /** The caller's own credentials, used to read the catalog as them. */
  credentials: BackstageCredentials;
  /** Whether the caller may read the audit log, and so every request in full. */
  canAudit?: boolean;
  /**
   * Who is signed in, when it is not `userEntityRef` (the local demo's "acting as"): the audit
   * entries the actor causes record it beside the acted-as user.
   */
  signedInAs?: string;
}

const MINUTE = 60_000;

function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes > 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes} min`;
}

/** A time for people: `2026-11-25 22:02 UTC`. */
function formatTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'its end';
}

/** The reason shown for a failure: first line only, no connection strings or passwords. */
function safeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')[0]
    .replace(/[a-z]+:\/\/[^\s@]*@/gi, '<redacted>@')
    .replace(/password[^,;\s]*\s*[=:]\s*\S+/gi, 'password=<redacted>')
    .slice(0, 500);
}

/** A canonical hash of a create body, for idempotency keys. */
export function createBodyHash(body: CreateAccessRequest): string {
  const canonical = JSON.stringify([
    body.resourceRef,
    body.accessLevel,
    body.durationMinutes,
    body.justification,
    body.ticket ?? null,
    Boolean(body.breakGlass),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function transition(
  request: RequestRecord,
  to: RequestState,
  actor: string,
  extra: Record<string, unknown> = {},
): AuditInput {
  return {
    actor,
    action: `request.${to}`,
    requestId: request.id,
    details: { from: request.state, to, ...extra },
  };
}

/**
 * The concierge's rules: who may ask for what, who may decide, and the life of a grant from
 * request to revocation, with every step in the audit log.
 */
export class ConciergeService {
  private readonly store: ConciergeStore;
  private readonly policies: AccessPolicies;
  private readonly providers: Map<string, CredentialProvider>;
  private readonly options: ConciergeServiceOptions;
  private readonly now: () => Date;
  private readonly notifier?: NotificationBatcher;
  private readonly groupCache = new ExpiringCache<string[]>(30_000);
  /** Resources as the concierge itself read them, reused when a grant is issued shortly after. */
  private readonly resourceCache = new ExpiringCache<Entity>(60_000);
  /** Resources as each user may read them (the catalog's permissions apply), for 10 s. */
  private readonly userResourceCache = new ExpiringCache<Entity | undefined>(10_000);

  constructor(options: ConciergeServiceOptions) {
    this.options = options;
    this.store = options.store;
    this.policies = options.policies;
    this.providers = options.providers;
    this.now = options.now ?? (() => new Date());
    this.notifier = options.notifications
      ? new NotificationBatcher({
          notifications: options.notifications,
          logger: options.logger,
          windowMs: options.notificationWindowMs ?? 2000,
          summaryLink: '/access',
        })
      : undefined;
  }

  /** Sends the notifications still waiting to be grouped (at shutdown). */
  async flushNotifications(): Promise<void> {
    await this.notifier?.flush();
  }

  /** The groups a user belongs to, read from the catalog (cached for 30 s). */
  async groupsOf(userEntityRef: string): Promise<string[]> {
    return this.groupCache.get(userEntityRef, async () => {
      const user = await this.options.catalog.getEntityByRef(userEntityRef, {
        credentials: await this.options.serviceCredentials(),
      });
      return (user?.relations ?? [])
        .filter(relation => relation.type === 'memberOf')
        .map(relation => relation.targetRef);
    });
  }

  private async resource(resourceRef: string, actor: Actor): Promise<{ ref: string; entity: Entity }> {
    let ref: string;
    try {
      ref = stringifyEntityRef(parseEntityRef(resourceRef, { defaultKind: 'resource', defaultNamespace: 'default' }));
    } catch {
      throw new InputError(`"${resourceRef}" is not an entity reference`);
    }
    if (!ref.startsWith('resource:')) {
      throw new InputError(`Access is asked for Resource entities; ${ref} is not one`);
    }
    const entity = await this.userResourceCache.get(`${actor.userEntityRef}|${ref}`, () =>
      this.options.catalog.getEntityByRef(ref, { credentials: actor.credentials }),
    );
    if (!entity) throw new NotFoundError(`No resource ${ref} in the catalog`);
    this.resourceCache.set(ref, entity);
    return { ref, entity };
  }

  /** The resource as the concierge itself reads it, for issuing (a minute-old copy will do). */
  private async resourceForIssue(ref: string): Promise<Entity> {
    const cached = this.resourceCache.peek(ref);
    if (cached) return cached;
    const { entity } = await this.resource(ref, {
      userEntityRef: CONCIERGE_ACTOR,
      groups: [],
      credentials: await this.options.serviceCredentials(),
    });
    return entity;
  }

  /**
   * The store's writes on behalf of `actor`. When someone acts as another user (the local demo),
   * each audit entry of the acted-as user also names who was signed in, so the log keeps the
   * real person behind every step.
   */
  private writerFor(actor?: Actor): Pick<ConciergeStore, 'createRequest' | 'mutateRequest' | 'appendAudit'> {
    const store = this.store;
    const signedInAs = actor?.signedInAs;
    if (!actor || !signedInAs || signedInAs === actor.userEntityRef) return store;
    const stamp = (audits: AuditInput[]) =>
      audits.map(audit =>
        audit.actor === actor.userEntityRef ? { ...audit, details: { ...audit.details, signedInAs } } : audit,
      );
    return {
      createRequest: (record, audits, idempotency) => store.createRequest(record, stamp(audits), idempotency),
      mutateRequest: (id, decide, options) =>
        store.mutateRequest(
          id,
          (current, decisions) => {
            const mutation = decide(current, decisions);
            return { ...mutation, audits: stamp(mutation.audits) };
          },
          options,
        ),
      appendAudit: audits => store.appendAudit(stamp(audits)),
    };
  }

  private providerFor(entity: Entity): { provider: CredentialProvider; target: string } {
    const annotations = entity.metadata.annotations ?? {};
    const wanted =
      annotations[ACCESS_PROVIDER_ANNOTATION] ??
      (entity.spec?.type === 'database' ? 'postgres' : 'token');
    const provider =
      this.providers.get(wanted) ??
      (this.options.fallbackProvider ? this.providers.get(this.options.fallbackProvider) : undefined);
    if (!provider) {
      throw new ServiceUnavailableError(
        `No credential provider "${wanted}" is configured for ${stringifyEntityRef(entity)}`,
      );
    }
    return { provider, target: annotations[ACCESS_TARGET_ANNOTATION] ?? entity.metadata.name };
  }

  /** What the policy says about a resource and level, for the request form. */
  async preview(resourceRef: string, accessLevel: AccessLevel, actor: Actor): Promise<AccessPreview> {
    const { ref, entity } = await this.resource(resourceRef, actor);
    const decision = this.policies.decide(entity, accessLevel);
    if (!decision) {
      throw new NotAllowedError(`No access policy allows ${accessLevel} access to ${ref}`);
    }
    const { provider } = this.providerFor(entity);
    return {
      resourceRef: ref,
      accessLevel,
      policy: decision.policy.name,
      maxDurationMinutes: decision.policy.maxDurationMinutes,
      approvals: decision.policy.approvals,
      approverGroups: decision.approverGroups,
      breakGlassAllowed: decision.policy.breakGlass,
      breakGlassMaxMinutes: Math.min(
        decision.policy.maxDurationMinutes,
        this.policies.breakGlass.maxDurationMinutes,
      ),
      provider: provider.id,
    };
  }

  /** Asks for access. Auto-approved and break-glass requests are issued before this returns. */
  async create(
    body: CreateAccessRequest,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<{ request: RequestRecord; replayed: boolean }> {
    const { ref, entity } = await this.resource(body.resourceRef, actor);
    const decision = this.policies.decide(entity, body.accessLevel);
    if (!decision) {
      throw new NotAllowedError(`No access policy allows ${body.accessLevel} access to ${ref}`);
    }
    const { policy, approverGroups } = decision;
    const breakGlass = Boolean(body.breakGlass);
    if (breakGlass && !policy.breakGlass) {
      throw new InputError(`Break-glass access is not allowed on ${ref} (policy "${policy.name}")`);
    }
    const maxMinutes = breakGlass
      ? Math.min(policy.maxDurationMinutes, this.policies.breakGlass.maxDurationMinutes)
      : policy.maxDurationMinutes;
    if (body.durationMinutes > maxMinutes) {
      throw new InputError(
        `durationMinutes ${body.durationMinutes} is over the maximum of ${maxMinutes} minutes (${formatMinutes(maxMinutes)}) that ${breakGlass ? 'break-glass access' : `policy "${policy.name}"`} allows for ${body.accessLevel} access to ${ref}`,
      );
    }
    if (policy.approvals > 0 && approverGroups.length === 0 && !breakGlass) {
      throw new InputError(`${ref} has no owner group to approve requests; ask its owners to set spec.owner`);
    }
    const { provider, target } = this.providerFor(entity);

    const now = this.now();
    const createdAt = now.toISOString();
    const autoApproved = policy.approvals === 0 || breakGlass;
    const record: RequestRecord = {
      id: randomUUID(),
      requester: actor.userEntityRef,
      resourceRef: ref,
      resourceTitle: entity.metadata.title ?? entity.metadata.name,
      accessLevel: body.accessLevel,
      durationMinutes: body.durationMinutes,
      justification: body.justification,
      ticket: body.ticket,
      breakGlass,
      state: autoApproved ? 'approved' : 'pending',
      policy: policy.name,
      approvalsRequired: breakGlass ? 0 : policy.approvals,
      approverGroups,
      provider: provider.id,
      target,
      createdAt,
      updatedAt: createdAt,
      pendingUntil: autoApproved
        ? undefined
        : new Date(now.getTime() + (this.options.pendingMinutes ?? 24 * 60) * MINUTE).toISOString(),
      reviewDueAt: breakGlass
        ? new Date(now.getTime() + this.policies.breakGlass.reviewWithinMinutes * MINUTE).toISOString()
        : undefined,
    };
    const audits: AuditInput[] = [
      {
        actor: actor.userEntityRef,
        action: 'request.created',
        requestId: record.id,
        details: {
          to: 'pending',
          resourceRef: ref,
          accessLevel: record.accessLevel,
          durationMinutes: record.durationMinutes,
          justification: record.justification,
          ticket: record.ticket ?? null,
          breakGlass,
          policy: policy.name,
          approvalsRequired: record.approvalsRequired,
          approverGroups,
          provider: provider.id,
          target,
        },
      },
    ];
    if (autoApproved) {
      audits.push({
        actor: CONCIERGE_ACTOR,
        action: 'request.approved',
        requestId: record.id,
        details: {
          from: 'pending',
          to: 'approved',
          reason: breakGlass
            ? `break-glass: granted at once, review due by ${record.reviewDueAt}`
            : `policy "${policy.name}" needs no approval`,
        },
      });
    }
    if (autoApproved) {
      const claim = this.issuanceClaim(record);
      Object.assign(record, claim.patch);
      audits.push(claim.audit);
    }
    const result = await this.writerFor(actor).createRequest(
      record,
      audits,
      idempotencyKey ? { key: idempotencyKey, bodyHash: createBodyHash(body) } : undefined,
    );
    if (result.replayed) return { request: result.record, replayed: true };

    if (breakGlass) {
      await this.notify(this.policies.breakGlass.notifyGroups, {
        title: `Break-glass access to ${record.resourceTitle}`,
        description: `${actor.userEntityRef} took ${record.accessLevel} access for ${formatMinutes(record.durationMinutes)}: ${record.justification}. Review due within ${formatMinutes(this.policies.breakGlass.reviewWithinMinutes)}.`,
        severity: 'critical',
      }, record);
    } else if (!autoApproved) {
      await this.notify(approverGroups, {
        title: `Access request for ${record.resourceTitle}`,
        description: `${actor.userEntityRef} asks for ${record.accessLevel} access for ${formatMinutes(record.durationMinutes)}: ${record.justification}`,
        severity: record.accessLevel === 'read' ? 'normal' : 'high',
      }, record, actor.userEntityRef);
    }
    if (autoApproved) {
      return { request: await this.performIssue(record), replayed: false };
    }
    return { request: record, replayed: false };
  }

  private assertApprover(request: RequestRecord, actor: Actor, verb: string) {
    if (request.requester === actor.userEntityRef) {
      throw new NotAllowedError(`You cannot ${verb} your own request`);
    }
    if (!request.approverGroups.some(group => actor.groups.includes(group))) {
      throw new NotAllowedError(
        `Only members of ${request.approverGroups.join(' or ')} may ${verb} this request`,
      );
    }
  }

  private assertPendingAndWaiting(current: RequestRecord) {
    if (current.state !== 'pending') {
      throw new ConflictError(`The request is ${current.state}; only pending requests can be decided`);
    }
    if (current.pendingUntil && current.pendingUntil <= this.now().toISOString()) {
      throw new ConflictError('The request expired while waiting for approval');
    }
  }

  /** Approves; when enough approvers agreed, the credential is issued before this returns. */
  async approve(id: string, actor: Actor, comment?: string): Promise<RequestRecord> {
    return (await this.approveWithDecisions(id, actor, comment)).request;
  }

  /**
   * Approves, and answers with the request's decisions as well: the ones the approval read and
   * its own, so that the caller's view of the request needs no further read.
   */
  async approveWithDecisions(
    id: string,
    actor: Actor,
    comment?: string,
  ): Promise<{ request: RequestRecord; decisions: DecisionRecord[] }> {
    const at = this.now().toISOString();
    let decided: DecisionRecord[] = [];
    // Who may approve is fixed when the request is made, so it is checked on the row the
    // mutation reads (one read fewer); a refusal writes nothing.
    const updated = await this.writerFor(actor).mutateRequest(id, (current, decisions) => {
      this.assertApprover(current, actor, 'approve');
      this.assertPendingAndWaiting(current);
      if (decisions.some(d => d.actor === actor.userEntityRef)) {
        throw new ConflictError('You have already approved this request');
      }
      const approvals = decisions.filter(d => d.decision === 'approve').length + 1;
      const audits: AuditInput[] = [
        {
          actor: actor.userEntityRef,
          action: 'request.approval',
          requestId: id,
          details: { comment: comment ?? null, approvals, approvalsRequired: current.approvalsRequired },
        },
      ];
      const complete = approvals >= current.approvalsRequired;
      const decision = { actor: actor.userEntityRef, decision: 'approve' as const, comment, at };
      decided = [...decisions, { requestId: id, ...decision }];
      let patch: Partial<RequestRecord> = { updatedAt: at };
      if (complete) {
        const claim = this.issuanceClaim(current);
        audits.push(transition(current, 'approved', actor.userEntityRef), claim.audit);
        patch = { ...patch, ...claim.patch, state: 'approved' };
      }
      return {
        patch,
        decision,
        audits,
      };
    }, { withDecisions: true });
    if (updated.state === 'approved') {
      if (this.options.failpoint === 'exit-before-issue' && process.env.NODE_ENV !== 'production') {
        process.kill(process.pid, 'SIGKILL');
      }
      const issued = await this.performIssue(updated);
      await this.notifyRequester(issued, issued.state === 'active'
        ? { title: `Access to ${issued.resourceTitle} approved`, description: `Your ${issued.accessLevel} access is active for ${formatMinutes(issued.durationMinutes)}, until ${formatTime(issued.expiresAt)}. Reveal the credential on the Access page.` }
        : { title: `Access to ${issued.resourceTitle} approved, issuance failed`, description: issued.failureReason ?? 'See the Access page', severity: 'high' });
      return { request: issued, decisions: decided };
    }
    return { request: updated, decisions: decided };
  }

  /** Denies a pending request, with the approver's comment. */
  async deny(id: string, actor: Actor, comment: string): Promise<RequestRecord> {
    return (await this.denyWithDecisions(id, actor, comment)).request;
  }

  /** Denies, and answers with the request's decisions as well (see {@link approveWithDecisions}). */
  async denyWithDecisions(
    id: string,
    actor: Actor,
    comment: string,
  ): Promise<{ request: RequestRecord; decisions: DecisionRecord[] }> {
    const at = this.now().toISOString();
    let decided: DecisionRecord[] = [];
    // As for approvals, who may deny is checked on the row the mutation reads.
    const updated = await this.writerFor(actor).mutateRequest(id, (current, decisions) => {
      this.assertApprover(current, actor, 'deny');
      this.assertPendingAndWaiting(current);
      const decision = { actor: actor.userEntityRef, decision: 'deny' as const, comment, at };
      decided = [...decisions, { requestId: id, ...decision }];
      return {
        patch: { state: 'denied', updatedAt: at },
        decision,
        audits: [transition(current, 'denied', actor.userEntityRef, { comment })],
      };
    }, { withDecisions: true });
    await this.notifyRequester(updated, {
      title: `Access to ${updated.resourceTitle} denied`,
      description: `${actor.userEntityRef}: ${comment}`,
    });
    return { request: updated, decisions: decided };
  }

  /** The requester withdraws a request that is pending or failed. */
  async cancel(id: string, actor: Actor): Promise<RequestRecord> {
    const request = await this.get(id);
    if (request.requester !== actor.userEntityRef) {
      throw new NotAllowedError('Only the requester can cancel a request');
    }
    return this.writerFor(actor).mutateRequest(id, current => {
      if (current.state !== 'pending' && current.state !== 'failed') {
        throw new ConflictError(
          `The request is ${current.state}; only pending or failed requests can be cancelled${current.state === 'active' ? ' (revoke an active grant instead)' : ''}`,
        );
      }
      return {
        patch: { state: 'cancelled', updatedAt: this.now().toISOString() },
        audits: [transition(current, 'cancelled', actor.userEntityRef)],
      };
    });
  }

  /** Ends an active grant early: the credential is removed first, then the state changes. */
  async revoke(id: string, actor: Actor | undefined, reason: string): Promise<RequestRecord> {
    const request = await this.get(id);
    const actorRef = actor?.userEntityRef ?? CONCIERGE_ACTOR;
    if (actor && request.requester !== actor.userEntityRef && !request.approverGroups.some(g => actor.groups.includes(g))) {
      throw new NotAllowedError(
        `Only the requester or members of ${request.approverGroups.join(' or ')} may revoke this grant`,
      );
    }
    if (request.state !== 'active') {
      throw new ConflictError(`The request is ${request.state}; only active grants can be revoked`);
    }
    return this.endGrant(request, actor ? 'revoked' : 'expired', actorRef, reason, actor);
  }

  private async endGrant(
    request: RequestRecord,
    to: 'revoked' | 'expired',
    actorRef: string,
    reason: string,
    actor?: Actor,
  ): Promise<RequestRecord> {
    const writer = this.writerFor(actor);
    const provider = this.providers.get(request.provider);
    if (provider && request.credentialReference) {
      try {
        await provider.revoke({
          requestId: request.id,
          reference: request.credentialReference,
          target: request.target,
        });
      } catch (error) {
        await writer.appendAudit([
          {
            actor: actorRef,
            action: 'credential.revoke.failed',
            requestId: request.id,
            details: { reference: request.credentialReference, reason: safeReason(error) },
          },
        ]);
        throw new ServiceUnavailableError(
          `Could not remove the credential ${request.credentialReference}: ${safeReason(error)}; the concierge will retry`,
        );
      }
    }
    const updated = await writer.mutateRequest(request.id, current => {
      if (current.state !== 'active') {
        throw new ConflictError(`The request is already ${current.state}`);
      }
      return {
        patch: { state: to, updatedAt: this.now().toISOString(), credentialSecret: undefined, issuingUntil: undefined },
        audits: [
          {
            actor: actorRef,
            action: 'credential.revoked',
            requestId: request.id,
            details: { provider: request.provider, reference: request.credentialReference ?? null, reason },
          },
          transition(current, to, actorRef, { reason }),
        ],
      };
    });
    await this.notifyRequester(updated, {
      title: `Access to ${updated.resourceTitle} ${to === 'expired' ? 'expired' : 'revoked'}`,
      description: reason,
    });
    return updated;
  }

  /** Tries a failed issuance again. */
  async retry(id: string, actor: Actor): Promise<RequestRecord> {
    const request = await this.get(id);
    if (request.requester !== actor.userEntityRef && !request.approverGroups.some(g => actor.groups.includes(g))) {
      throw new NotAllowedError('Only the requester or an approver may retry this request');
    }
    const approved = await this.writerFor(actor).mutateRequest(id, current => {
      if (current.state !== 'failed') {
        throw new ConflictError(`The request is ${current.state}; only failed requests can be retried`);
      }
      const claim = this.issuanceClaim(current);
      return {
        patch: { ...claim.patch, state: 'approved', failureReason: undefined, updatedAt: this.now().toISOString() },
        audits: [transition(current, 'approved', actor.userEntityRef, { reason: 'retry' }), claim.audit],
      };
    });
    return this.performIssue(approved);
  }

  /** Who may review a break-glass grant: its approvers and the groups break-glass notifies. */
  private reviewersOf(request: RequestRecord): string[] {
    return [...new Set([...request.approverGroups, ...this.policies.breakGlass.notifyGroups])];
  }

  /** Records the after-the-fact review of a break-glass grant. */
  async review(id: string, actor: Actor, comment: string): Promise<RequestRecord> {
    const request = await this.get(id);
    if (!request.breakGlass) throw new ConflictError('Only break-glass grants are reviewed');
    if (request.requester === actor.userEntityRef) {
      throw new NotAllowedError('You cannot review your own break-glass access');
    }
    const reviewers = this.reviewersOf(request);
    if (!reviewers.some(g => actor.groups.includes(g))) {
      throw new NotAllowedError(`Only members of ${reviewers.join(' or ')} may review this access`);
    }
    const at = this.now().toISOString();
    return this.writerFor(actor).mutateRequest(id, current => {
      if (current.reviewedAt) throw new ConflictError(`Already reviewed by ${current.reviewedBy}`);
      return {
        patch: { reviewedAt: at, reviewedBy: actor.userEntityRef, updatedAt: at },
        audits: [{ actor: actor.userEntityRef, action: 'request.reviewed', requestId: id, details: { comment } }],
      };
    });
  }

  /** Hands the secret to the requester once; it is erased from the database as it is shown. */
  async reveal(id: string, actor: Actor): Promise<RevealedCredential> {
    let secret = '';
    const updated = await this.writerFor(actor).mutateRequest(id, current => {
      if (current.requester !== actor.userEntityRef) {
        throw new NotAllowedError('Only the requester can reveal the credential');
      }
      if (current.state !== 'active') {
        throw new ConflictError(`The request is ${current.state}; there is no credential to reveal`);
      }
      if (!current.credentialSecret) {
        throw new CredentialGoneError(
          `The credential was already revealed at ${current.revealedAt ?? 'an earlier time'}; it is shown once. Revoke this grant and ask again if you lost it.`,
        );
      }
      try {
        secret = this.options.secretBox.open(current.credentialSecret);
      } catch {
        throw new ConflictError(
          'The credential can no longer be decrypted (the concierge encryption key changed); revoke this grant and ask again',
        );
      }
      const at = this.now().toISOString();
      return {
        patch: { credentialSecret: undefined, revealedAt: at, updatedAt: at },
        audits: [
          {
            actor: actor.userEntityRef,
            action: 'credential.revealed',
            requestId: id,
            details: { reference: current.credentialReference ?? null },
          },
        ],
      };
    });
    return {
      requestId: id,
      provider: updated.provider,
      kind: updated.credentialKind ?? 'credential',
      secret,
      expiresAt: updated.expiresAt ?? '',
      details: updated.credentialDetails ?? {},
    };
  }

  /** A request, or 404. */
  async get(id: string): Promise<RequestRecord> {
    const request = await this.store.getRequest(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    return request;
  }

  /**
   * Issues the credential of an approved request. Only the worker holding the lease issues;
   * the provider call is idempotent per request, so a retry after a crash replaces whatever an
   * earlier attempt left, and an audit entry precedes every attempt.
   */
  async issue(id: string): Promise<void> {
    const planned = await this.store.getRequest(id);
    if (!planned) return;
    const claim = this.issuanceClaim(planned);
    if (!(await this.store.claimIssuance(id, this.now().toISOString(), claim.patch, [claim.audit]))) return;
    await this.performIssue({ ...planned, ...claim.patch });
  }

  /**
   * What taking the issuance lease writes: the lease, the credential's reference (recorded
   * before the provider creates anything, so a credential left by a crash is known to be ours),
   * and a `credential.issuing` entry. Approvals commit it together with the approved state.
   */
  private issuanceClaim(request: RequestRecord): { patch: Partial<RequestRecord>; audit: AuditInput } {
    const lease = new Date(this.now().getTime() + (this.options.issueLeaseSeconds ?? 30) * 1000);
    const reference = this.providers.get(request.provider)?.referenceFor?.(request.id);
    return {
      patch: { issuingUntil: lease.toISOString(), ...(reference ? { credentialReference: reference } : {}) },
      audit: {
        actor: CONCIERGE_ACTOR,
        action: 'credential.issuing',
        requestId: request.id,
        details: { provider: request.provider, target: request.target, reference: reference ?? null },
      },
    };
  }

  /** Issues the credential of a request whose lease this worker holds; returns the request after. */
  private async performIssue(request: RequestRecord): Promise<RequestRecord> {
    const id = request.id;
    const provider = this.providers.get(request.provider);
    const expiresAt = new Date(this.now().getTime() + request.durationMinutes * MINUTE);
    try {
      if (!provider) throw new Error(`credential provider "${request.provider}" is not configured`);
      const entity = await this.resourceForIssue(request.resourceRef);
      const issued = await provider.issue({
        requestId: id,
        requester: request.requester,
        resource: entity,
        resourceRef: request.resourceRef,
        target: request.target,
        accessLevel: request.accessLevel,
        expiresAt,
      });
      try {
        // Written only if the request is still approved (nobody revoked or cancelled it during
        // issuance), in one statement and without reading it first.
        const at = this.now().toISOString();
        const active = await this.store.updateInState(
          id,
          'approved',
          {
            state: 'active',
            activatedAt: at,
            expiresAt: expiresAt.toISOString(),
            issuingUntil: undefined,
            credentialReference: issued.reference,
            credentialKind: issued.kind,
            credentialSecret: this.options.secretBox.seal(issued.secret),
            credentialDetails: issued.details,
            updatedAt: at,
          },
          [
            {
              actor: CONCIERGE_ACTOR,
              action: 'credential.issued',
              requestId: id,
              details: { provider: provider.id, reference: issued.reference, kind: issued.kind, expiresAt: expiresAt.toISOString() },
            },
            transition({ ...request, state: 'approved' }, 'active', CONCIERGE_ACTOR),
          ],
        );
        if (!active) {
          const now = await this.store.getRequest(id);
          throw new ConflictError(`The request became ${now?.state ?? 'missing'} during issuance`);
        }
        return active;
      } catch (error) {
        // The grant cannot be recorded: take the credential back so none exists without its entry.
        await provider.revoke({ requestId: id, reference: issued.reference, target: request.target }).catch(() => {});
        throw error;
      }
    } catch (error) {
      const reason = safeReason(error);
      this.options.logger.warn(`Issuing the credential of access request ${id} failed: ${reason}`);
      return this.store
        .mutateRequest(id, current => {
          if (current.state !== 'approved') throw new ConflictError(`request is ${current.state}`);
          return {
            patch: { state: 'failed', failureReason: reason, issuingUntil: undefined, updatedAt: this.now().toISOString() },
            audits: [
              { actor: CONCIERGE_ACTOR, action: 'credential.issue.failed', requestId: id, details: { provider: request.provider, reason } },
              transition(current, 'failed', CONCIERGE_ACTOR, { reason }),
            ],
          };
        })
        .catch(() => this.get(id));
    }
  }

  /**
   * The scheduled sweep: expire grants and stale pending requests, resume issuances a dead
   * worker left, escalate break-glass reviews that are overdue, and remove credentials that no
   * active grant explains.
   */
  async sweep(): Promise<{ expired: number; resumed: number; overdue: number; removed: number }> {
    const now = this.now();
    let expired = 0;
    for (const request of await this.store.findDue(now.toISOString())) {
      try {
        if (request.state === 'active') {
          await this.endGrant(request, 'expired', CONCIERGE_ACTOR, `expired at ${formatTime(request.expiresAt)}`);
        } else {
          await this.store.mutateRequest(request.id, current => {
            if (current.state !== 'pending') throw new ConflictError(`request is ${current.state}`);
            return {
              patch: { state: 'expired', updatedAt: this.now().toISOString() },
              audits: [transition(current, 'expired', CONCIERGE_ACTOR, { reason: 'nobody decided in time' })],
            };
          });
        }
        expired += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) {
          this.options.logger.warn(`Expiring access request ${request.id} failed: ${safeReason(error)}`);
        }
      }
    }
    let resumed = 0;
    const settled = new Date(now.getTime() - 5_000).toISOString();
    for (const request of await this.store.findStalledIssuance(now.toISOString(), settled)) {
      await this.issue(request.id);
      resumed += 1;
    }
    const overdue = await this.escalateOverdueReviews(now);
    let removed = 0;
    for (const provider of this.providers.values()) {
      if (!provider.listIssued) continue;
      try {
        const issued = await provider.listIssued();
        const states = await this.store.credentialStates(provider.id, issued.map(c => c.reference));
        for (const credential of issued) {
          const state = states.get(credential.reference);
          // Unknown references belong to another deployment sharing the server; active and
          // approved (issuing) ones are live.
          if (!state || state === 'active' || state === 'approved') continue;
          await provider.revoke({ requestId: '', reference: credential.reference, target: credential.target });
          await this.store.appendAudit([
            {
              actor: CONCIERGE_ACTOR,
              action: 'credential.orphan.removed',
              details: { provider: provider.id, reference: credential.reference, requestState: state },
            },
          ]);
          removed += 1;
        }
      } catch (error) {
        this.options.logger.warn(`Checking ${provider.id} credentials failed: ${safeReason(error)}`);
      }
    }
    return { expired, resumed, overdue, removed };
  }

  /**
   * Break-glass grants nobody reviewed in time: each is marked once (with its audit entry, in
   * one transaction, so two replicas escalate it once) and the reviewers are told again.
   */
  private async escalateOverdueReviews(now: Date): Promise<number> {
    let escalated = 0;
    for (const request of await this.store.findOverdueReviews(now.toISOString())) {
      try {
        const at = this.now().toISOString();
        const marked = await this.store.mutateRequest(request.id, current => {
          if (current.reviewedAt) throw new ConflictError(`reviewed by ${current.reviewedBy}`);
          if (current.reviewOverdueAt) throw new ConflictError('already escalated');
          return {
            patch: { reviewOverdueAt: at, updatedAt: at },
            audits: [
              {
                actor: CONCIERGE_ACTOR,
                action: 'request.review.overdue',
                requestId: current.id,
                details: { reviewDueAt: current.reviewDueAt, state: current.state },
              },
            ],
          };
        });
        escalated += 1;
        await this.notify(this.reviewersOf(marked), {
          title: `Break-glass review overdue: ${marked.resourceTitle ?? marked.resourceRef}`,
          description: `Nobody reviewed ${marked.requester}'s break-glass ${marked.accessLevel} access (${marked.justification}); the review was due by ${formatTime(marked.reviewDueAt)}.`,
          severity: 'critical',
        }, marked);
      } catch (error) {
        if (!(error instanceof ConflictError)) {
          this.options.logger.warn(`Escalating the review of ${request.id} failed: ${safeReason(error)}`);
        }
      }
    }
    return escalated;
  }

  /** The API view of requests, with what the actor may do with each. */
  async toViews(
    records: RequestRecord[],
    actor: Actor,
    withHistory = false,
    knownDecisions?: ReadonlyMap<string, DecisionRecord[]>,
  ): Promise<AccessRequest[]> {
    // Decisions the caller already holds (those its own write read or made) are not read again
    const byRequest = new Map<string, DecisionRecord[]>();
    const unknown: string[] = [];
    for (const record of records) {
      const known = knownDecisions?.get(record.id);
      if (known) byRequest.set(record.id, known);
      else unknown.push(record.id);
    }
    for (const d of await this.store.getDecisions(unknown)) {
      byRequest.set(d.requestId, [...(byRequest.get(d.requestId) ?? []), d]);
    }
    return Promise.all(
      records.map(async record => {
        const mine = byRequest.get(record.id) ?? [];
        // Who holds access is visible to everyone (the resource's Access card); why, and what
        // approvers said, only to the requester, the approvers and auditors.
        const insider =
          record.requester === actor.userEntityRef ||
          record.approverGroups.some(g => actor.groups.includes(g)) ||
          Boolean(actor.canAudit);
        const transitions = withHistory
          ? (await this.store.listAudit({ requestId: record.id, limit: 500 }))
              .filter(entry => typeof entry.details.to === 'string')
              .map(entry => ({
                from: entry.details.from as RequestState | undefined,
                to: entry.details.to as RequestState,
                actor: entry.actor,
                at: entry.at,
                reason: insider ? ((entry.details.reason ?? entry.details.comment) as string | undefined) : undefined,
              }))
          : [];
        return {
          id: record.id,
          requester: record.requester,
          resourceRef: record.resourceRef,
          resourceTitle: record.resourceTitle,
          accessLevel: record.accessLevel,
          durationMinutes: record.durationMinutes,
          justification: insider ? record.justification : '',
          ticket: insider ? record.ticket : undefined,
          breakGlass: record.breakGlass,
          state: record.state,
          policy: record.policy,
          approvalsRequired: record.approvalsRequired,
          approverGroups: record.approverGroups,
          decisions: mine.map(d => ({
            actor: d.actor,
            decision: d.decision,
            comment: insider ? d.comment : undefined,
            at: d.at,
          })),
          transitions,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
          activatedAt: record.activatedAt,
          expiresAt: record.expiresAt,
          pendingUntil: record.pendingUntil,
          failureReason: insider ? record.failureReason : undefined,
          reviewDueAt: record.reviewDueAt,
          reviewedAt: record.reviewedAt,
          reviewedBy: record.reviewedBy,
          reviewOverdueAt: record.reviewOverdueAt,
          credential: record.credentialReference
            ? {
                provider: record.provider,
                reference: record.credentialReference,
                kind: record.credentialKind,
                revealable: Boolean(record.credentialSecret) && record.state === 'active',
                revealedAt: record.revealedAt,
              }
            : undefined,
          actions: this.actionsFor(record, mine, actor),
        };
      }),
    );
  }

  /** Whether the actor could decide this request now (the approvals inbox). */
  canDecide(record: RequestRecord, actor: Actor, decisions: DecisionRecord[] = []): boolean {
    return (
      record.state === 'pending' &&
      record.requester !== actor.userEntityRef &&
      record.approverGroups.some(g => actor.groups.includes(g)) &&
      !decisions.some(d => d.actor === actor.userEntityRef)
    );
  }

  private actionsFor(record: RequestRecord, decisions: DecisionRecord[], actor: Actor): AccessRequestAction[] {
    const actions: AccessRequestAction[] = [];
    const isRequester = record.requester === actor.userEntityRef;
    const isApprover = record.approverGroups.some(g => actor.groups.includes(g));
    if (this.canDecide(record, actor, decisions)) actions.push('approve', 'deny');
    if (isRequester && (record.state === 'pending' || record.state === 'failed')) actions.push('cancel');
    if (record.state === 'active' && (isRequester || isApprover)) actions.push('revoke');
    if (record.state === 'failed' && (isRequester || isApprover)) actions.push('retry');
    if (isRequester && record.state === 'active' && record.credentialSecret) actions.push('reveal');
    if (
      record.breakGlass &&
      !record.reviewedAt &&
      !isRequester &&
      this.reviewersOf(record).some(g => actor.groups.includes(g))
    ) {
      actions.push('review');
    }
    return actions;
  }

  private async notify(
    groups: string[],
    payload: { title: string; description: string; severity?: 'critical' | 'high' | 'normal' | 'low' },
    record: RequestRecord,
    exclude?: string,
  ) {
    this.notifier?.add(groups, { ...payload, link: `/access?request=${record.id}` }, exclude);
  }

  private notifyRequester(
    record: RequestRecord,
    payload: { title: string; description: string; severity?: 'critical' | 'high' | 'normal' | 'low' },
  ) {
    return this.notify([record.requester], payload, record);
  }
}
