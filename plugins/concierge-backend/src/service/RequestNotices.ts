import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RequestRecord } from '../database/ConciergeStore';
import { BreakGlassSettings } from '../policy/AccessPolicies';
import { Actor } from './Actor';
import { NotificationBatcher } from './NotificationBatcher';
import { reviewersOf } from './requestRules';
import { formatMinutes, formatTime } from './wording';

/** Where notices go. */
export interface RequestNoticesOptions {
  /** Without it (tests, a backend without notifications) nothing is sent. */
  notifications?: NotificationService;
  logger: LoggerService;
  breakGlass: BreakGlassSettings;
  /** How long notifications to the same people wait to be grouped into one. Default 2 s. */
  windowMs?: number;
}

type Severity = 'critical' | 'high' | 'normal' | 'low';

/**
 * What the concierge tells people, and in which words: approvers of a new request, the
 * requester of each outcome, security of break-glass access. Notices are grouped and sent in
 * the background (see {@link NotificationBatcher}), so none holds up a request.
 */
export class RequestNotices {
  private readonly batcher?: NotificationBatcher;

  constructor(private readonly options: RequestNoticesOptions) {
    this.batcher = options.notifications
      ? new NotificationBatcher({
          notifications: options.notifications,
          logger: options.logger,
          windowMs: options.windowMs ?? 2000,
          summaryLink: '/access',
        })
      : undefined;
  }

  /** Sends the notices still waiting to be grouped (at shutdown). */
  async flush(): Promise<void> {
    await this.batcher?.flush();
  }

  /** Asks the approvers of a new request to decide it; the requester, if one of them, is left out. */
  requestCreated(record: RequestRecord, actor: Actor): void {
    this.send(
      record.approverGroups,
      {
        title: `Access request for ${record.resourceTitle}`,
        description: `${actor.userEntityRef} asks for ${record.accessLevel} access for ${formatMinutes(record.durationMinutes)}: ${record.justification}`,
        severity: record.accessLevel === 'read' ? 'normal' : 'high',
      },
      record,
      actor.userEntityRef,
    );
  }

  /** Tells the break-glass groups that someone took access without approval. */
  breakGlassTaken(record: RequestRecord, actor: Actor): void {
    this.send(
      this.options.breakGlass.notifyGroups,
      {
        title: `Break-glass access to ${record.resourceTitle}`,
        description: `${actor.userEntityRef} took ${record.accessLevel} access for ${formatMinutes(record.durationMinutes)}: ${record.justification}. Review due within ${formatMinutes(this.options.breakGlass.reviewWithinMinutes)}.`,
        severity: 'critical',
      },
      record,
    );
  }

  /** Tells the requester their approved request is active, or why its issuance failed. */
  approved(issued: RequestRecord): void {
    this.toRequester(
      issued,
      issued.state === 'active'
        ? {
            title: `Access to ${issued.resourceTitle} approved`,
            description: `Your ${issued.accessLevel} access is active for ${formatMinutes(issued.durationMinutes)}, until ${formatTime(issued.expiresAt)}. Reveal the credential on the Access page.`,
          }
        : {
            title: `Access to ${issued.resourceTitle} approved, issuance failed`,
            description: issued.failureReason ?? 'See the Access page',
            severity: 'high',
          },
    );
  }

  /** Tells the requester who denied the request, and why. */
  denied(record: RequestRecord, actor: Actor, comment: string): void {
    this.toRequester(record, {
      title: `Access to ${record.resourceTitle} denied`,
      description: `${actor.userEntityRef}: ${comment}`,
    });
  }

  /** Tells the requester their grant ended. */
  grantEnded(record: RequestRecord, to: 'revoked' | 'expired', reason: string): void {
    this.toRequester(record, {
      title: `Access to ${record.resourceTitle} ${to === 'expired' ? 'expired' : 'revoked'}`,
      description: reason,
    });
  }

  /** Tells the reviewers again, louder, of a break-glass grant nobody reviewed in time. */
  reviewOverdue(record: RequestRecord): void {
    this.send(
      reviewersOf(record, this.options.breakGlass),
      {
        title: `Break-glass review overdue: ${record.resourceTitle ?? record.resourceRef}`,
        description: `Nobody reviewed ${record.requester}'s break-glass ${record.accessLevel} access (${record.justification}); the review was due by ${formatTime(record.reviewDueAt)}.`,
        severity: 'critical',
      },
      record,
    );
  }

  private toRequester(record: RequestRecord, payload: { title: string; description: string; severity?: Severity }) {
    this.send([record.requester], payload, record);
  }

  private send(
    groups: string[],
    payload: { title: string; description: string; severity?: Severity },
    record: RequestRecord,
    exclude?: string,
  ) {
    this.batcher?.add(groups, { ...payload, link: `/access?request=${record.id}` }, exclude);
  }
}
