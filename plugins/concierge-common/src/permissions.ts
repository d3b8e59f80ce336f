import { createPermission } from '@backstage/plugin-permission-common';

/** Asking for access to a resource. */
export const conciergeRequestCreatePermission = createPermission({
  name: 'concierge.request.create',
  attributes: { action: 'create' },
});

/**
 * Approving or denying a request. The request's access policy still decides which groups may
 * approve it, and nobody approves their own request, whatever the permission policy says.
 */
export const conciergeRequestApprovePermission = createPermission({
  name: 'concierge.request.approve',
  attributes: { action: 'update' },
});

/**
 * Ending a grant early. Requesters may always end their own grant; revoking someone else's
 * also needs to be an approver of the request's policy.
 */
export const conciergeRequestRevokePermission = createPermission({
  name: 'concierge.request.revoke',
  attributes: { action: 'delete' },
});

/** Reading, verifying and exporting the audit log. */
export const conciergeAuditReadPermission = createPermission({
  name: 'concierge.audit.read',
  attributes: { action: 'read' },
});

/** Every permission of the concierge. */
export const conciergePermissions = [
  conciergeRequestCreatePermission,
  conciergeRequestApprovePermission,
  conciergeRequestRevokePermission,
  conciergeAuditReadPermission,
];
