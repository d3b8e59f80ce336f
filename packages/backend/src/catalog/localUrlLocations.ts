import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RelativeSourceLocationProcessor } from './relativeSourceLocation';

/** Config key: local catalog files to register as `url` locations (relative to the backend). */
export const LOCAL_URL_LOCATIONS_CONFIG = 'souverain.catalog.localUrlLocations';

/**
 * Registers local catalog files as `url` locations with `file:` URLs instead of `file`
 * locations. Relative references inside them (`$yaml`, `$text` placeholders, a template's
 * `fetch:template` paths) then resolve as URLs and are read through the `file:` UrlReader,
 * which keeps them inside `souverain.localFiles.roots`. A plain `file` location cannot
 * resolve `$yaml` at all.
 */
export class LocalUrlLocationProvider implements EntityProvider {
  private readonly targets: string[];

  static fromConfig(config: Config): LocalUrlLocationProvider {
    const files = config.getOptionalStringArray(LOCAL_URL_LOCATIONS_CONFIG) ?? [];
    return new LocalUrlLocationProvider(files.map(file => pathToFileURL(path.resolve(file)).href));
  }

  constructor(targets: string[]) {
    this.targets = targets;
  }

  getProviderName(): string {
    return 'souverain-local-url-locations';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await connection.applyMutation({
      type: 'full',
      entities: this.targets.map(target => ({
        locationKey: this.getProviderName(),
        entity: locationSpecToLocationEntity({ location: { type: 'url', target } }),
      })),
    });
  }
}

/**
 * Adds {@link LocalUrlLocationProvider} to the catalog, and the
 * {@link RelativeSourceLocationProcessor} that points the entities of such files at their folders.
 */
export const catalogModuleLocalUrlLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'souverain-local-url-locations',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ config, catalog }) {
        catalog.addEntityProvider(LocalUrlLocationProvider.fromConfig(config));
        catalog.addProcessor(new RelativeSourceLocationProcessor());
      },
    });
  },
});
