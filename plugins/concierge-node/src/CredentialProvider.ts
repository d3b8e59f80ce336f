import { Entity } from '@backstage/catalog-model';
import { AccessLevel } from '@souverain/plugin-concierge-common';

/** What a provider is asked to issue. */
export interface CredentialGrant {
  /** The request's id; providers derive stable names from it so a retried issue replaces, never duplicates. */
  requestId: string;
  requester: string;
  resource: Entity;
  resourceRef: string;
  /** The provider-specific target: a database name, a token audience. */
  target: string;
  accessLevel: AccessLevel;
  expiresAt: Date;
}

/** What a provider hands back once. The secret is shown to the requester once and never logged. */
export interface IssuedCredential {
  /** A public handle to revoke it by: a role name, a token id. */
  reference: string;
  /** How it is used, e.g. "PostgreSQL connection string". */
  kind: string;
  secret: string;
  /** Non-secret facts shown beside the secret. */
  details: Record<string, string>;
}

/**
 * Issues and revokes short-lived credentials for one kind of resource.
 *
 * `issue` must be idempotent for a request id: issuing again replaces what an earlier,
 * interrupted attempt may have left. `revoke` must succeed when there is nothing left to revoke.
 */
export interface CredentialProvider {
  /** The id resources name in `souverain.io/access-provider`. */
  readonly id: string;
  /**
   * The reference `issue` will give the credential of this request, known before issuing. The
   * concierge records it first, so it only ever cleans up credentials it knows it created.
   */
  referenceFor?(requestId: string): string;
  issue(grant: CredentialGrant): Promise<IssuedCredential>;
  revoke(options: { requestId: string; reference: string; target: string }): Promise<void>;
  /**
   * The references of credentials this provider holds, so the concierge can remove any
   * that no active grant explains (left by a crash between issue and commit).
   */
  listIssued?(): Promise<Array<{ reference: string; target: string }>>;
  /** A cheap check that the provider's backing system answers; used for the demo fallback. */
  healthCheck?(): Promise<void>;
}
