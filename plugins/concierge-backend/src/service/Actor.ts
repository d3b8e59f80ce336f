import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** The concierge itself, as the actor of what it does on its own (expiry, recovery). */
export const CONCIERGE_ACTOR = 'plugin:concierge';

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
