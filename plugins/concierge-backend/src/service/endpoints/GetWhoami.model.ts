import {
  ConciergeIdentity,
  conciergeAuditReadPermission,
  conciergeRequestCreatePermission,
} from '@souverain/plugin-concierge-common';
import { Caller, Callers } from './Callers';

/** Who the caller is to the concierge, and what they may do. */
export interface GetWhoamiModel {
  whoami(caller: Caller): Promise<ConciergeIdentity>;
}

/** {@link GetWhoamiModel} over the permission policy and the demo's users. */
export class GetWhoamiModelImpl implements GetWhoamiModel {
  constructor(private readonly callers: Callers) {}

  async whoami(caller: Caller): Promise<ConciergeIdentity> {
    const { callers } = this;
    return {
      userEntityRef: caller.userEntityRef,
      signedInAs: caller.signedInAs,
      groups: caller.groups,
      demoUsers: [...callers.demoUsers],
      permissions: {
        create: await callers.allowed(
          caller.credentials,
          conciergeRequestCreatePermission,
        ),
        auditRead: await callers.allowed(
          caller.credentials,
          conciergeAuditReadPermission,
        ),
      },
    };
  }
}
