import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';

type Severity = 'critical' | 'high' | 'normal' | 'low';

/** One thing to tell some people. */
export interface ConciergeNotice {
  title: string;
  description: string;
  severity?: Severity;
  link: string;
}

const SEVERITY_ORDER: Severity[] = ['low', 'normal', 'high', 'critical'];

interface Pending {
  recipients: string[];
  exclude?: string;
  notices: ConciergeNotice[];
}

/**
 * Sends the concierge's notifications in the background, grouping what reaches the same people
 * within a short window into one message ("3 access requests wait for your decision"), so a burst
 * of requests neither floods approvers' inboxes nor holds up a grant.
 */
export class NotificationBatcher {
  private readonly pending = new Map<string, Pending>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly options: {
      notifications: NotificationService;
      logger: LoggerService;
      /** How long notices wait for others to the same people. 0 sends each at once. */
      windowMs: number;
      /** Link of a grouped message. */
      summaryLink: string;
    },
  ) {}

  /** Queues a notice for these users or groups (entity refs), optionally leaving one user out. */
  add(recipients: string[], notice: ConciergeNotice, exclude?: string): void {
    if (recipients.length === 0) return;
    const sorted = [...new Set(recipients)].sort();
    const key = `${sorted.join(',')}|${exclude ?? ''}`;
    const entry = this.pending.get(key) ?? { recipients: sorted, exclude, notices: [] };
    entry.notices.push(notice);
    this.pending.set(key, entry);
    if (this.options.windowMs <= 0) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.windowMs);
      this.timer.unref?.();
    }
  }

  /** Sends everything queued now (also called at shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending.values()];
    this.pending.clear();
    await Promise.all(batches.map(batch => this.send(batch)));
  }

  private async send({ recipients, exclude, notices }: Pending) {
    const payload =
      notices.length === 1
        ? notices[0]
        : {
            title: `${notices.length} access updates: ${notices[0].title}, and ${notices.length - 1} more`,
            description: notices
              .slice(0, 5)
              .map(n => n.title)
              .join('; ')
              .concat(notices.length > 5 ? `; and ${notices.length - 5} more` : ''),
            severity: notices
              .map(n => n.severity ?? 'normal')
              .reduce((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a)),
            link: this.options.summaryLink,
          };
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: recipients, excludeEntityRef: exclude },
        payload: { ...payload, topic: 'concierge' },
      });
    } catch (error) {
      this.options.logger.warn(
        `Sending a concierge notification failed: ${(error as Error).message?.split('\n')[0]}`,
      );
    }
  }
}
