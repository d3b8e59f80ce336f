import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { adrIndexServiceRef } from '@souverain/plugin-adr-node';
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
        catalog: catalogServiceRef,
        adrIndex: adrIndexServiceRef,
      },
      async init({ scaffolder, config, reader, auth, catalog, adrIndex }) {
        scaffolder.addActions(
          createRecordDecisionAction({
            catalog,
            reader,
            integrations: ScmIntegrations.fromConfig(config),
            config,
            adrIndex,
          }),
          createValidateServiceAction({ catalog, config, auth, adrIndex }),
          createStampTemplateAction(),
          createPublishLocalAction({ catalog, config, auth, adrIndex }),
        );
      },
    });
  },
});
