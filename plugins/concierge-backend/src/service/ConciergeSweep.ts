import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { ConciergeStore } from '../database/ConciergeStore';
import { CONCIERGE_ACTOR } from './Actor';
import { transition } from './auditedWrites';
import { CredentialIssuer } from './CredentialIssuer';
import { CredentialProviders } from './CredentialProviders';
import { RequestNotices } from './RequestNotices';
import { formatTime, safeReason } from './wording';

/** What the sweep needs. */
export interface ConciergeSweepOptions {
  store: ConciergeStore;
  providers: CredentialProviders;
  issuer: CredentialIssuer;
  notices: RequestNotices;
  logger: LoggerService;
  now: () => Date;
}

/** What one sweep did, for the log. */
export interface SweepResult {
  expired: number;
  resumed: number;
  overdue: number;
  removed: number;
}

/**
 * The concierge's scheduled work (one replica at a time runs it): expire grants and stale
 * pending requests, resume issuances a dead worker left, escalate break-glass reviews that are
 * overdue, and remove credentials that no active grant explains. Each step is safe to run on
 * two replicas at once, in case the scheduler's lock lapses.
 */
export class ConciergeSweep {
  constructor(private readonly options: ConciergeSweepOptions) {}

  /** One pass: expiries, then stalled issuances, overdue reviews and stray credentials. */
  async run(): Promise<SweepResult> {
    const now = this.options.now();
    const expired = await this.expireDue(now);
    const resumed = await this.resumeStalledIssuances(now);
    const overdue = await this.escalateOverdueReviews(now);
    const removed = await this.removeOrphanCredentials();
    return { expired, resumed, overdue, removed };
  }

  /** Active grants past their end lose their credential; pending requests past their wait expire. */
  private async expireDue(now: Date): Promise<number> {
    let expired = 0;
    for (const request of await this.options.store.findDue(now.toISOString())) {
      try {
        if (request.state === 'active') {
          await this.options.issuer.endGrant(request, 'expired', CONCIERGE_ACTOR, `expired at ${formatTime(request.expiresAt)}`);
        } else {
          await this.options.store.mutateRequest(request.id, current => {
            if (current.state !== 'pending') throw new ConflictError(`request is ${current.state}`);
            return {
              patch: { state: 'expired', updatedAt: this.options.now().toISOString() },
              audits: [transition(current, 'expired', CONCIERGE_ACTOR, { reason: 'nobody decided in time' })],
            };
          });
        }
        expired += 1;
      } catch (error) {
        // A conflict means another replica (or the requester) got there first.
        if (!(error instanceof ConflictError)) {
          this.options.logger.warn(`Expiring access request ${request.id} failed: ${safeReason(error)}`);
        }
      }
    }
    return expired;
  }

  /** Approved requests whose issuance lease lapsed (or was never taken) are issued again. */
  private async resumeStalledIssuances(now: Date): Promise<number> {
    let resumed = 0;
    // Approvals of the last few seconds are still being issued by the worker that approved them.
    const settled = new Date(now.getTime() - 5_000).toISOString();
    for (const request of await this.options.store.findStalledIssuance(now.toISOString(), settled)) {
      await this.options.issuer.resume(request.id);
      resumed += 1;
    }
    return resumed;
  }

  /**
   * Break-glass grants nobody reviewed in time: each is marked once (with its audit entry, in
   * one transaction, so two replicas escalate it once) and the reviewers are told again.
   */
  private async escalateOverdueReviews(now: Date): Promise<number> {
    let escalated = 0;
    for (const request of await this.options.store.findOverdueReviews(now.toISOString())) {
      try {
        const at = this.options.now().toISOString();
        const marked = await this.options.store.mutateRequest(request.id, current => {
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
        this.options.notices.reviewOverdue(marked);
      } catch (error) {
        if (!(error instanceof ConflictError)) {
          this.options.logger.warn(`Escalating the review of ${request.id} failed: ${safeReason(error)}`);
        }
      }
    }
    return escalated;
  }

  /** Credentials a provider holds for requests of ours that are over (left by a crash). */
  private async removeOrphanCredentials(): Promise<number> {
    const { store } = this.options;
    let removed = 0;
    for (const provider of this.options.providers.all()) {
      if (!provider.listIssued) continue;
      try {
        const issued = await provider.listIssued();
        const states = await store.credentialStates(provider.id, issued.map(c => c.reference));
        for (const credential of issued) {
          const state = states.get(credential.reference);
          // Unknown references belong to another deployment sharing the server; active and
          // approved (issuing) ones are live.
          if (!state || state === 'active' || state === 'approved') continue;
          await provider.revoke({ requestId: '', reference: credential.reference, target: credential.target });
          await store.appendAudit([
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
    return removed;
  }
}
