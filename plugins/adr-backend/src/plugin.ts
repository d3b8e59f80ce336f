import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { adrPermissions } from '@souverain/plugin-adr-common';
import { DatabaseAdrStore } from './database/DatabaseAdrStore';
import { AdrIndexer } from './indexer/AdrIndexer';
import { createRouter } from './service/createRouter';

/** The task that refreshes the decision index; also triggered on demand. */
export const ADR_REFRESH_TASK_ID = 'adr-index-refresh';

/**
 * The decision browser's backend: indexes the ADR folders of catalog entities and serves
 * them at /api/adr.
 */
export const adrPlugin = createBackendPlugin({
  pluginId: 'adr',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        reader: coreServices.urlReader,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const adrConfig = config.getOptionalConfig('souverain.adr');
        const store = await DatabaseAdrStore.create(deps.database);
        deps.lifecycle.addShutdownHook(() => store.close());
        const indexer = new AdrIndexer({
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          reader: deps.reader,
          integrations: ScmIntegrations.fromConfig(config),
          logger,
          maxFileBytes: adrConfig?.getOptionalNumber('maxFileBytes'),
          concurrency: adrConfig?.getOptionalNumber('concurrency'),
        });
        deps.permissionsRegistry.addPermissions(adrPermissions);

        const schedule = adrConfig?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              adrConfig.getConfig('schedule'),
            )
          : {
              frequency: { minutes: 10 },
              timeout: { minutes: 15 },
              initialDelay: { seconds: 10 },
            };
        await scheduler.scheduleTask({
          id: ADR_REFRESH_TASK_ID,
          ...schedule,
          scope: 'global',
          fn: async () => {
            await indexer.refreshAll();
          },
        });

        deps.httpRouter.use(
          await createRouter({
            store,
            indexer,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger,
            cacheTtlMs: (adrConfig?.getOptionalNumber('responseCacheSeconds') ?? 15) * 1000,
          }),
        );
      },
    });
  },
});
