import {
  AuditEntry,
  conciergeAuditReadPermission,
} from '@souverain/plugin-concierge-common';
import { ConciergeStore } from '../../database/ConciergeStore';
import { Caller, Callers } from './Callers';

/** The whole audit log, oldest first, in batches, for auditors. */
export interface ExportAuditModel {
  /** Checks the caller may export, before anything is written. */
  authorize(caller: Caller): Promise<void>;
  export(write: (entries: AuditEntry[]) => Promise<void>): Promise<void>;
}

/** {@link ExportAuditModel} over the store, behind the `concierge.audit.read` permission. */
export class ExportAuditModelImpl implements ExportAuditModel {
  constructor(
    private readonly deps: { store: ConciergeStore; callers: Callers },
  ) {}

  authorize(caller: Caller): Promise<void> {
    return this.deps.callers.authorize(
      caller.credentials,
      conciergeAuditReadPermission,
      'export the audit log',
    );
  }

  export(write: (entries: AuditEntry[]) => Promise<void>): Promise<void> {
    return this.deps.store.exportAudit(write);
  }
}
