import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { conciergePermissions } from '@souverain/plugin-concierge-common';
import {
  conciergeCredentialProvidersExtensionPoint,
  CredentialProvider,
} from '@souverain/plugin-concierge-node';
import { SecretBox } from './crypto/SecretBox';
import { startWalCheckpoints } from './database/SqliteTransactions';
import { DatabaseConciergeStore } from './database/DatabaseConciergeStore';
import { AccessPolicies } from './policy/AccessPolicies';
import { PostgresCredentialProvider } from './providers/PostgresCredentialProvider';
import { TokenCredentialProvider } from './providers/TokenCredentialProvider';
import { StoreSigningKeyStorage } from './providers/StoreSigningKeyStorage';
import { TenantDatabasesProvider } from './providers/TenantDatabasesProvider';
import { createConcierge } from './service/Concierge';
import { createRouter } from './service/createRouter';

/** The scheduled task that expires grants and resumes interrupted issuances. */
export const CONCIERGE_SWEEP_TASK_ID = 'concierge-sweep';

/**
 * The concierge backend: access requests, policies, credential providers and the audit log,
 * served at /api/concierge.
 */
export const conciergePlugin = createBackendPlugin({
  pluginId: 'concierge',
  register(env) {
    const extraProviders = new Map<string, CredentialProvider>();
    const replacements = new Map<string, (current: CredentialProvider | undefined) => CredentialProvider>();
    env.registerExtensionPoint(conciergeCredentialProvidersExtensionPoint, {
      addProvider(provider) {
        if (extraProviders.has(provider.id)) {
          throw new Error(`A concierge credential provider "${provider.id}" is already registered`);
        }
        extraProviders.set(provider.id, provider);
      },
      replaceProvider(id, replace) {
        if (replacements.has(id)) {
          throw new Error(`The concierge credential provider "${id}" is already replaced by another module`);
        }
        replacements.set(id, replace);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger } = deps;
        const conciergeConfig = config.getOptionalConfig('souverain.concierge');
        const policies = AccessPolicies.fromConfig(conciergeConfig);

        const encryptionKey = conciergeConfig?.getOptionalString('encryptionKey');
        if (!encryptionKey) {
          logger.warn(
            'souverain.concierge.encryptionKey is not set: credentials waiting to be revealed cannot be read after a restart or by another replica. Set it in production.',
          );
        }
        const secretBox = encryptionKey ? new SecretBox(encryptionKey) : SecretBox.ephemeral();
        const store = await DatabaseConciergeStore.create(deps.database);
        const checkpoints = await startWalCheckpoints(await deps.database.getClient(), {
          onError: message => logger.warn(`Checkpointing the concierge's SQLite log failed: ${message}`),
        });
        if (checkpoints) deps.lifecycle.addShutdownHook(() => checkpoints.stop());
        deps.permissionsRegistry.addPermissions(conciergePermissions);

        const providers = new Map<string, CredentialProvider>();
        const token = new TokenCredentialProvider({
          issuer: await deps.discovery.getExternalBaseUrl('concierge'),
          keyStorage: new StoreSigningKeyStorage(store, secretBox, logger),
          logger,
        });
        providers.set(token.id, token);

        // Demo conveniences apply only where a config says so explicitly; production turns them off.
        const demoConfig = conciergeConfig?.getOptionalConfig('demo');
        const demo = demoConfig?.getOptionalBoolean('enabled') ? demoConfig : undefined;
        const pgConfig = conciergeConfig?.getOptionalConfig('postgres');
        if (pgConfig) {
          const postgres = new PostgresCredentialProvider({
            connection: {
              host: pgConfig.getString('host'),
              port: pgConfig.getOptionalNumber('port') ?? 5432,
              user: pgConfig.getString('user'),
              password: (pgConfig.getOptional<string>('password') || undefined) as string | undefined,
              database: pgConfig.getOptionalString('database'),
            },
            publicHost: pgConfig.getOptionalString('publicHost'),
            connectionLimit: pgConfig.getOptionalNumber('connectionLimit'),
            scramIterations: pgConfig.getOptionalNumber('scramIterations'),
            logger,
          });
          deps.lifecycle.addShutdownHook(() => postgres.close());
          let reachable = true;
          if (demo?.getOptionalString('fallbackProvider')) {
            reachable = await postgres.healthCheck().then(
              () => true,
              error => {
                logger.warn(
                  `The concierge's PostgreSQL at ${pgConfig.getString('host')} does not answer (${error.message}); database access uses the ${demo.getString('fallbackProvider')} provider in this demo`,
                );
                return false;
              },
            );
          }
          if (reachable) {
            providers.set(
              'postgres',
              new TenantDatabasesProvider(postgres, {
                databasePrefix: pgConfig.getOptionalString('databasePrefix'),
                createDatabases: demo?.getOptionalBoolean('createDatabases'),
              }),
            );
          }
        }
        for (const [id, provider] of extraProviders) providers.set(id, provider);
        for (const [id, replace] of replacements) {
          const replacement = replace(providers.get(id));
          if (replacement.id !== id) {
            throw new Error(
              `The replacement of the concierge credential provider "${id}" must keep its id, not "${replacement.id}"`,
            );
          }
          providers.set(id, replacement);
        }

        const concierge = createConcierge({
          store,
          policies,
          providers,
          fallbackProvider: demo?.getOptionalString('fallbackProvider'),
          catalog: deps.catalog,
          serviceCredentials: () => deps.auth.getOwnServiceCredentials(),
          secretBox,
          logger,
          notifications: deps.notifications,
          pendingMinutes: (conciergeConfig?.getOptionalNumber('pendingHours') ?? 24) * 60,
          notificationWindowMs: (conciergeConfig?.getOptionalNumber('notificationWindowSeconds') ?? 2) * 1000,
        });
        deps.lifecycle.addShutdownHook(() => concierge.notices.flush());

        await deps.scheduler.scheduleTask({
          id: CONCIERGE_SWEEP_TASK_ID,
          frequency: { seconds: conciergeConfig?.getOptionalNumber('sweepSeconds') ?? 15 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 3 },
          scope: 'global',
          fn: async () => {
            const result = await concierge.sweep.run();
            if (result.expired || result.resumed || result.overdue || result.removed) {
              logger.info(
                `Concierge sweep: ${result.expired} expired, ${result.resumed} issuances resumed, ${result.overdue} overdue break-glass reviews escalated, ${result.removed} stray credentials removed`,
              );
            }
          },
        });

        deps.httpRouter.addAuthPolicy({ path: '/.well-known/jwks.json', allow: 'unauthenticated' });
        deps.httpRouter.use(
          await createRouter({
            concierge,
            store,
            policies,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger,
            jwks: () => token.jwks(),
            demoUsers: demo?.getOptionalStringArray('actAsUsers') ?? [],
          }),
        );
      },
    });
  },
});
