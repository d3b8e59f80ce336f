import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { RevealedCredential } from '@souverain/plugin-concierge-common';
import { CredentialProvider, IssuedCredential } from '@souverain/plugin-concierge-node';
import { SecretBox } from '../crypto/SecretBox';
import { AuditInput, ConciergeStore, RequestRecord } from '../database/ConciergeStore';
import { Actor, CONCIERGE_ACTOR } from './Actor';
import { transition, writerFor } from './auditedWrites';
import { CredentialProviders } from './CredentialProviders';
import { findRequest } from './findRequest';
import { isApprover } from './requestRules';
import { RequestNotices } from './RequestNotices';
import { ResourceResolver } from './ResourceResolver';
import { safeReason } from './wording';

/** Thrown when a credential was already shown once. */
export class CredentialGoneError extends Error {
  readonly name = 'CredentialGoneError';
  readonly statusCode = 410;
}

/** What the issuer needs. */
export interface CredentialIssuerOptions {
  store: ConciergeStore;
  providers: CredentialProviders;
  resources: ResourceResolver;
  secretBox: SecretBox;
  notices: RequestNotices;
  logger: LoggerService;
  /** How long one issuance may take before another worker may retry it. Default 30 s. */
  issueLeaseSeconds?: number;
  now: () => Date;
}

/** What taking the issuance lease writes, with the approval that takes it or on its own. */
export interface IssuanceClaim {
  patch: Partial<RequestRecord>;
  audit: AuditInput;
}

const MINUTE = 60_000;

/**
 * The life of a credential: issued once a request is approved (by the one worker holding the
 * issuance lease), retried after a failure, shown once to the requester, and removed when the
 * grant ends. Every step writes its audit entries with the request's change.
 */
export class CredentialIssuer {
  constructor(private readonly options: CredentialIssuerOptions) {}

  /**
   * What taking the issuance lease writes: the lease, the credential's reference (recorded
   * before the provider creates anything, so a credential left by a crash is known to be ours),
   * and a `credential.issuing` entry. Approvals commit it together with the approved state.
   */
  claim(request: RequestRecord): IssuanceClaim {
    const lease = new Date(this.options.now().getTime() + (this.options.issueLeaseSeconds ?? 30) * 1000);
    const reference = this.options.providers.get(request.provider)?.referenceFor?.(request.id);
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

  /**
   * Issues the credential of an approved request nobody is issuing (the sweep's recovery). Only
   * the worker that takes the lease issues; the provider call is idempotent per request, so it
   * replaces whatever an interrupted attempt left.
   */
  async resume(id: string): Promise<void> {
    const planned = await this.options.store.getRequest(id);
    if (!planned) return;
    const claim = this.claim(planned);
    if (!(await this.options.store.claimIssuance(id, this.options.now().toISOString(), claim.patch, [claim.audit]))) {
      return;
    }
    await this.issueClaimed({ ...planned, ...claim.patch });
  }

  /**
   * Issues the credential of a request whose lease this worker holds, and answers with the
   * request after: active with its credential, or failed with a reason and no credential left.
   */
  async issueClaimed(request: RequestRecord): Promise<RequestRecord> {
    const expiresAt = new Date(this.options.now().getTime() + request.durationMinutes * MINUTE);
    try {
      const provider = this.options.providers.get(request.provider);
      if (!provider) throw new Error(`credential provider "${request.provider}" is not configured`);
      const credential = await provider.issue({
        requestId: request.id,
        requester: request.requester,
        resource: await this.options.resources.resourceForIssue(request.resourceRef),
        resourceRef: request.resourceRef,
        target: request.target,
        accessLevel: request.accessLevel,
        expiresAt,
      });
      return await this.recordGrant(request, provider, credential, expiresAt).catch(async error => {
        // The grant cannot be recorded: take the credential back so none exists without its entry.
        await provider
          .revoke({ requestId: request.id, reference: credential.reference, target: request.target })
          .catch(() => {});
        throw error;
      });
    } catch (error) {
      return this.recordFailure(request, error);
    }
  }

  /**
   * Makes the request active with its sealed credential, only if it is still approved (nobody
   * revoked or cancelled it during issuance), in one statement and without reading it first.
   */
  private async recordGrant(
    request: RequestRecord,
    provider: CredentialProvider,
    credential: IssuedCredential,
    expiresAt: Date,
  ): Promise<RequestRecord> {
    const at = this.options.now().toISOString();
    const active = await this.options.store.updateInState(
      request.id,
      'approved',
      {
        state: 'active',
        activatedAt: at,
        expiresAt: expiresAt.toISOString(),
        issuingUntil: undefined,
        credentialReference: credential.reference,
        credentialKind: credential.kind,
        credentialSecret: this.options.secretBox.seal(credential.secret),
        credentialDetails: credential.details,
        updatedAt: at,
      },
      [
        {
          actor: CONCIERGE_ACTOR,
          action: 'credential.issued',
          requestId: request.id,
          details: {
            provider: provider.id,
            reference: credential.reference,
            kind: credential.kind,
            expiresAt: expiresAt.toISOString(),
          },
        },
        transition({ ...request, state: 'approved' }, 'active', CONCIERGE_ACTOR),
      ],
    );
    if (!active) {
      const now = await this.options.store.getRequest(request.id);
      throw new ConflictError(`The request became ${now?.state ?? 'missing'} during issuance`);
    }
    return active;
  }

  /** Marks a request whose issuance failed, with a reason safe to show; answers it as it is after. */
  private async recordFailure(request: RequestRecord, error: unknown): Promise<RequestRecord> {
    const reason = safeReason(error);
    this.options.logger.warn(`Issuing the credential of access request ${request.id} failed: ${reason}`);
    return this.options.store
      .mutateRequest(request.id, current => {
        if (current.state !== 'approved') throw new ConflictError(`request is ${current.state}`);
        return {
          patch: { state: 'failed', failureReason: reason, issuingUntil: undefined, updatedAt: this.options.now().toISOString() },
          audits: [
            {
              actor: CONCIERGE_ACTOR,
              action: 'credential.issue.failed',
              requestId: request.id,
              details: { provider: request.provider, reason },
            },
            transition(current, 'failed', CONCIERGE_ACTOR, { reason }),
          ],
        };
      })
      .catch(() => findRequest(this.options.store, request.id));
  }

  /** Tries a failed issuance again, for its requester or an approver. */
  async retry(id: string, actor: Actor): Promise<RequestRecord> {
    const request = await findRequest(this.options.store, id);
    if (request.requester !== actor.userEntityRef && !isApprover(request, actor)) {
      throw new NotAllowedError('Only the requester or an approver may retry this request');
    }
    const approved = await writerFor(this.options.store, actor).mutateRequest(id, current => {
      if (current.state !== 'failed') {
        throw new ConflictError(`The request is ${current.state}; only failed requests can be retried`);
      }
      const claim = this.claim(current);
      return {
        patch: { ...claim.patch, state: 'approved', failureReason: undefined, updatedAt: this.options.now().toISOString() },
        audits: [transition(current, 'approved', actor.userEntityRef, { reason: 'retry' }), claim.audit],
      };
    });
    return this.issueClaimed(approved);
  }

  /** Hands the secret to the requester once; it is erased from the database as it is shown. */
  async reveal(id: string, actor: Actor): Promise<RevealedCredential> {
    let secret = '';
    const updated = await writerFor(this.options.store, actor).mutateRequest(id, current => {
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
      const at = this.options.now().toISOString();
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

  /** Ends an active grant early, for its requester or an approver. */
  async revoke(id: string, actor: Actor, reason: string): Promise<RequestRecord> {
    const request = await findRequest(this.options.store, id);
    if (request.requester !== actor.userEntityRef && !isApprover(request, actor)) {
      throw new NotAllowedError(
        `Only the requester or members of ${request.approverGroups.join(' or ')} may revoke this grant`,
      );
    }
    if (request.state !== 'active') {
      throw new ConflictError(`The request is ${request.state}; only active grants can be revoked`);
    }
    return this.endGrant(request, 'revoked', actor.userEntityRef, reason, actor);
  }

  /**
   * Ends a grant: the credential is removed first, then the state changes, so that a failed
   * removal leaves the grant active for a later attempt instead of a credential nobody tracks.
   */
  async endGrant(
    request: RequestRecord,
    to: 'revoked' | 'expired',
    actorRef: string,
    reason: string,
    actor?: Actor,
  ): Promise<RequestRecord> {
    const writer = writerFor(this.options.store, actor);
    const provider = this.options.providers.get(request.provider);
    if (provider && request.credentialReference) {
      try {
        await provider.revoke({ requestId: request.id, reference: request.credentialReference, target: request.target });
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
        patch: { state: to, updatedAt: this.options.now().toISOString(), credentialSecret: undefined, issuingUntil: undefined },
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
    this.options.notices.grantEnded(updated, to, reason);
    return updated;
  }
}
