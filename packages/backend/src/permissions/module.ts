import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { SouverainPermissionPolicy } from './SouverainPermissionPolicy';

/** Installs {@link SouverainPermissionPolicy} into the permission backend. */
export const souverainPermissionPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'souverain-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        const admins =
          config.getOptionalStringArray('souverain.permission.admins') ?? [];
        const auditors = config.getOptionalStringArray('souverain.permission.auditors');
        policy.setPolicy(new SouverainPermissionPolicy({ admins, auditors }));
      },
    });
  },
});
