import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { adrIndexRefreshPermission } from '@souverain/plugin-adr-common';
import {
  conciergeAuditReadPermission,
  conciergeRequestApprovePermission,
  conciergeRequestCreatePermission,
  conciergeRequestRevokePermission,
} from '@souverain/plugin-concierge-common';

/** Template field listing the groups that may see and run it (see docs/golden-services.md). */
export const TEMPLATE_ALLOWED_GROUPS_KEY = 'allowedGroups';

/** Options for {@link SouverainPermissionPolicy}. */
export interface SouverainPermissionPolicyOptions {
  /**
   * Entity refs (users or groups) whose members may do anything, from
   * `souverain.permission.admins`.
   */
  admins: string[];
  /**
   * Entity refs (users or groups) who may read, verify and export the concierge's audit log,
   * from `souverain.permission.auditors`. Default: the security team.
   */
  auditors?: string[];
}

/**
 * The portal's permission policy.
 *
 * Reads are open to every signed-in user, except templates restricted to some groups
 * (spec.allowedGroups); anonymous callers get nothing.
 * Deleting catalog entities is for their owners and admins. Mutations that no
 * rule names are denied unless the caller is an admin, so a new plugin's
 * permission is closed until someone writes its rule here.
 */
export class SouverainPermissionPolicy implements PermissionPolicy {
  private readonly admins: Set<string>;
  private readonly auditors: Set<string>;

  constructor(options: SouverainPermissionPolicyOptions) {
    this.admins = new Set(options.admins.map(ref => ref.toLocaleLowerCase('en-US')));
    this.auditors = new Set(
      (options.auditors ?? ['group:default/security-team']).map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (this.isAdmin(user)) {
      return { result: AuthorizeResult.ALLOW };
    }

    const { permission } = request;

    if (
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, catalogLocationDeletePermission)
    ) {
      if (isPermission(permission, catalogEntityDeletePermission)) {
        return createCatalogConditionalDecision(
          permission,
          catalogConditions.isEntityOwner({
            claims: user.info.ownershipEntityRefs,
          }),
        );
      }
      return { result: AuthorizeResult.DENY };
    }

    // Who may run which template: a Template that lists spec.allowedGroups is visible (and so
    // runnable: the scaffolder reads templates with the user's own credentials) only to members
    // of those groups. Every other entity stays readable by every signed-in user.
    if (isPermission(permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(permission, {
        anyOf: [
          { not: catalogConditions.isEntityKind({ kinds: ['Template'] }) },
          { not: catalogConditions.hasSpec({ key: TEMPLATE_ALLOWED_GROUPS_KEY }) },
          ...user.info.ownershipEntityRefs.map(ref =>
            catalogConditions.hasSpec({
              key: TEMPLATE_ALLOWED_GROUPS_KEY,
              value: ref.toLocaleLowerCase('en-US'),
            }),
          ),
        ],
      });
    }

    // The concierge's audit log says who reached which resource: auditors and admins only.
    if (isPermission(permission, conciergeAuditReadPermission)) {
      return user.info.ownershipEntityRefs.some(ref => this.auditors.has(ref.toLocaleLowerCase('en-US')))
        ? { result: AuthorizeResult.ALLOW }
        : { result: AuthorizeResult.DENY };
    }

    // Every signed-in user may ask for access, decide and revoke; the concierge's own access
    // policies then narrow who decides which request (approver groups, never one's own).
    if (
      isPermission(permission, conciergeRequestCreatePermission) ||
      isPermission(permission, conciergeRequestApprovePermission) ||
      isPermission(permission, conciergeRequestRevokePermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }

    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }

    // Re-reading every ADR repository is for admins (handled above).
    if (isPermission(permission, adrIndexRefreshPermission)) {
      return { result: AuthorizeResult.DENY };
    }

    // Creating services from templates and registering what they produce is the portal's main
    // journey; which templates a user may run is decided on the catalog read above.
    if (
      permission.name.startsWith('scaffolder.') ||
      permission.name === 'catalog.entity.refresh' ||
      permission.name === 'catalog.entity.create' ||
      permission.name === 'catalog.location.create' ||
      permission.name === 'catalog.entity.validate'
    ) {
      return { result: AuthorizeResult.ALLOW };
    }

    return { result: AuthorizeResult.DENY };
  }

  private isAdmin(user: PolicyQueryUser): boolean {
    return user.info.ownershipEntityRefs.some(ref =>
      this.admins.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
