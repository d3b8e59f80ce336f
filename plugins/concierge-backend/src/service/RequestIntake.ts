import { InputError, NotAllowedError } from '@backstage/errors';
import { AccessLevel, AccessPreview, CreateAccessRequest } from '@souverain/plugin-concierge-common';
import { createHash, randomUUID } from 'node:crypto';
import { AuditInput, ConciergeStore, RequestRecord } from '../database/ConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';
import { Actor, CONCIERGE_ACTOR } from './Actor';
import { writerFor } from './auditedWrites';
import { CredentialIssuer } from './CredentialIssuer';
import { CredentialProviders } from './CredentialProviders';
import { RequestNotices } from './RequestNotices';
import { ResourceResolver } from './ResourceResolver';
import { formatMinutes } from './wording';

/** What taking requests needs. */
export interface RequestIntakeOptions {
  store: ConciergeStore;
  policies: AccessPolicies;
  providers: CredentialProviders;
  resources: ResourceResolver;
  issuer: CredentialIssuer;
  notices: RequestNotices;
  /** How long a request waits for approval before it expires. Default 24 h. */
  pendingMinutes?: number;
  now: () => Date;
}

const MINUTE = 60_000;

/** A canonical hash of a create body, for idempotency keys. */
function createBodyHash(body: CreateAccessRequest): string {
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

/**
 * Takes requests for access: checks them against the resource's policy, records them with the
 * approvers the policy names, and has auto-approved and break-glass ones issued at once.
 */
export class RequestIntake {
  constructor(private readonly options: RequestIntakeOptions) {}

  /** What the policy says about a resource and level, for the request form. */
  async preview(resourceRef: string, accessLevel: AccessLevel, actor: Actor): Promise<AccessPreview> {
    const { ref, entity } = await this.options.resources.resource(resourceRef, actor);
    const decision = this.options.policies.decide(entity, accessLevel);
    if (!decision) {
      throw new NotAllowedError(`No access policy allows ${accessLevel} access to ${ref}`);
    }
    const { provider } = this.options.providers.forResource(entity);
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
        this.options.policies.breakGlass.maxDurationMinutes,
      ),
      provider: provider.id,
    };
  }

  /**
   * Asks for access. Auto-approved and break-glass requests are issued before this returns. With
   * an idempotency key, asking again with the same body answers the first request (`replayed`).
   */
  async create(
    body: CreateAccessRequest,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<{ request: RequestRecord; replayed: boolean }> {
    const { store, policies, issuer, notices } = this.options;
    const { ref, entity } = await this.options.resources.resource(body.resourceRef, actor);
    const decision = policies.decide(entity, body.accessLevel);
    if (!decision) {
      throw new NotAllowedError(`No access policy allows ${body.accessLevel} access to ${ref}`);
    }
    const { policy, approverGroups } = decision;
    const breakGlass = Boolean(body.breakGlass);
    if (breakGlass && !policy.breakGlass) {
      throw new InputError(`Break-glass access is not allowed on ${ref} (policy "${policy.name}")`);
    }
    const maxMinutes = breakGlass
      ? Math.min(policy.maxDurationMinutes, policies.breakGlass.maxDurationMinutes)
      : policy.maxDurationMinutes;
    if (body.durationMinutes > maxMinutes) {
      throw new InputError(
        `durationMinutes ${body.durationMinutes} is over the maximum of ${maxMinutes} minutes (${formatMinutes(maxMinutes)}) that ${breakGlass ? 'break-glass access' : `policy "${policy.name}"`} allows for ${body.accessLevel} access to ${ref}`,
      );
    }
    if (policy.approvals > 0 && approverGroups.length === 0 && !breakGlass) {
      throw new InputError(`${ref} has no owner group to approve requests; ask its owners to set spec.owner`);
    }
    const { provider, target } = this.options.providers.forResource(entity);

    const now = this.options.now();
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
        ? new Date(now.getTime() + policies.breakGlass.reviewWithinMinutes * MINUTE).toISOString()
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
      // The approval and the issuance lease commit with the request: a crash before the
      // credential exists leaves an approved request the sweep finishes.
      const claim = issuer.claim(record);
      Object.assign(record, claim.patch);
      audits.push(
        {
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
        },
        claim.audit,
      );
    }
    const result = await writerFor(store, actor).createRequest(
      record,
      audits,
      idempotencyKey ? { key: idempotencyKey, bodyHash: createBodyHash(body) } : undefined,
    );
    if (result.replayed) return { request: result.record, replayed: true };

    if (breakGlass) notices.breakGlassTaken(record, actor);
    else if (!autoApproved) notices.requestCreated(record, actor);
    if (autoApproved) {
      return { request: await issuer.issueClaimed(record), replayed: false };
    }
    return { request: record, replayed: false };
  }
}
