import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRecordDecisionAction } from './actions/recordDecision';
import { createPublishLocalAction } from './actions/golden/publishLocal';
import { createStampTemplateAction } from './actions/golden/stampTemplate';
import { createValidateServiceAction } from './actions/golden/validateService';

/** Souverain's scaffolder actions. */
export const scaffolderModuleSouverain = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'souverain',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, reader, auth, discovery, catalog }) {
        scaffolder.addActions(
          createRecordDecisionAction({
            catalog,
            reader,
            integrations: ScmIntegrations.fromConfig(config),
            config,
            auth,
            discovery,
          }),
          createValidateServiceAction({ catalog, config, auth, discovery }),
          createStampTemplateAction(),
          createPublishLocalAction({ catalog, config, auth, discovery }),
        );
      },
    });
  },
});
