import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuditVerification,
  conciergeAuditReadPermission,
} from '@souverain/plugin-concierge-common';
import { ConciergeStore } from '../../database/ConciergeStore';
import { Caller, Callers } from './Callers';

/** Walks the audit chain and says whether it is intact, for auditors. */
export interface VerifyAuditModel {
  verify(caller: Caller): Promise<AuditVerification>;
}

/** {@link VerifyAuditModel} over the store; a broken chain is also logged for operators. */
export class VerifyAuditModelImpl implements VerifyAuditModel {
  constructor(
    private readonly deps: {
      store: ConciergeStore;
      callers: Callers;
      logger: LoggerService;
    },
  ) {}

  async verify(caller: Caller): Promise<AuditVerification> {
    await this.deps.callers.authorize(
      caller.credentials,
      conciergeAuditReadPermission,
      'verify the audit log',
    );
    const result = await this.deps.store.verifyAudit();
    if (!result.intact) {
      this.deps.logger.warn(
        `Concierge audit log verification failed: ${result.message}`,
      );
    }
    return result;
  }
}
