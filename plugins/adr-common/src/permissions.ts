import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Forcing a refresh of the decision index. Reading needs only a signed-in user; refreshing
 * re-reads every repository, so the portal's policy gives it to admins.
 */
export const adrIndexRefreshPermission = createPermission({
  name: 'adr.index.refresh',
  attributes: { action: 'update' },
});

/** Every permission of the decision browser. */
export const adrPermissions = [adrIndexRefreshPermission];
