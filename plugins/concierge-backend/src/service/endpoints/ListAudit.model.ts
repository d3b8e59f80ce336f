import {
  AuditEntry,
  conciergeAuditReadPermission,
} from '@souverain/plugin-concierge-common';
import { ConciergeStore } from '../../database/ConciergeStore';
import { Caller, Callers } from './Callers';

/** A page of the audit log, newest first, for auditors. */
export interface ListAuditModel {
  list(
    query: { requestId?: string; before?: number; limit?: number },
    caller: Caller,
  ): Promise<{ items: AuditEntry[]; headSeq: number }>;
}

/** {@link ListAuditModel} over the store, behind the `concierge.audit.read` permission. */
export class ListAuditModelImpl implements ListAuditModel {
  constructor(
    private readonly deps: { store: ConciergeStore; callers: Callers },
  ) {}

  async list(
    query: { requestId?: string; before?: number; limit?: number },
    caller: Caller,
  ): Promise<{ items: AuditEntry[]; headSeq: number }> {
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeAuditReadPermission,
      'read the audit log',
    );
    return {
      items: await this.deps.store.listAudit({
        requestId: query.requestId,
        before: query.before,
        limit: query.limit ?? 50,
      }),
      headSeq: await this.deps.store.auditHeadSeq(),
    };
  }
}
