import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { adrIndexServiceRef } from '@souverain/plugin-adr-node';
import { AdrCollatorFactory } from './AdrCollatorFactory';

const SCHEDULE_CONFIG = 'search.collators.adr.schedule';

/**
 * Adds decision records to Backstage search (document type `adr`).
 *
 * @public
 */
export const searchModuleAdrCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'adr-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        adrIndex: adrIndexServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, logger, scheduler, adrIndex, indexRegistry }) {
        const schedule = config.has(SCHEDULE_CONFIG)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE_CONFIG),
            )
          : {
              frequency: { minutes: 10 },
              timeout: { minutes: 15 },
              initialDelay: { seconds: 30 },
            };
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new AdrCollatorFactory({ adrIndex, logger }),
        });
      },
    });
  },
});
