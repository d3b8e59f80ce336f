import { Entity } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import { TemplateDriftReport } from '@souverain/plugin-golden-services-common';

/** What the golden-services views read from the catalog. */
export interface GoldenServicesApi {
  /** Every golden template in the catalog. */
  getGoldenTemplates(): Promise<Entity[]>;
  /** Every golden template and golden service in the catalog, and where each service stands. */
  getTemplateDrift(): Promise<TemplateDriftReport>;
  /** The components named `name` in any namespace, whatever the case of its letters. */
  findComponentsNamed(name: string): Promise<Entity[]>;
}

/** The golden services' view of the catalog. */
export const goldenServicesApiRef = createApiRef<GoldenServicesApi>().with({
  id: 'plugin.golden-services.service',
  pluginId: 'golden-services',
});
