import { CATALOG_FILTER_EXISTS, CatalogApi } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import {
  computeTemplateDrift,
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
  TemplateDriftReport,
} from '@souverain/plugin-golden-services-common';
import { GoldenServicesApi } from './GoldenServicesApi';

/** Golden templates: Templates that carry their current version. */
export const GOLDEN_TEMPLATE_FILTER = {
  kind: 'Template',
  [`metadata.annotations.${TEMPLATE_VERSION_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
};

/** Golden services: Components stamped with the template they were created from. */
export const GOLDEN_SERVICE_FILTER = {
  kind: 'Component',
  [`metadata.annotations.${TEMPLATE_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
};

// Only what the drift views show: a Template's parameters and steps can be large.
const TEMPLATE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'spec.changelog',
];

const SERVICE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
];

/** A {@link GoldenServicesApi} over Backstage's catalog API. */
export class GoldenServicesClient implements GoldenServicesApi {
  private readonly catalogApi: CatalogApi;

  constructor(options: { catalogApi: CatalogApi }) {
    this.catalogApi = options.catalogApi;
  }

  async getGoldenTemplates(): Promise<Entity[]> {
    const { items } = await this.catalogApi.getEntities({
      filter: GOLDEN_TEMPLATE_FILTER,
      fields: TEMPLATE_FIELDS,
    });
    return items;
  }

  async getTemplateDrift(): Promise<TemplateDriftReport> {
    const [templates, services] = await Promise.all([
      this.getGoldenTemplates(),
      this.catalogApi.getEntities({ filter: GOLDEN_SERVICE_FILTER, fields: SERVICE_FIELDS }),
    ]);
    return computeTemplateDrift(templates, services.items);
  }

  // The catalog matches names without regard to case, as the scaffolder's registration would
  // clash on them too.
  async findComponentsNamed(name: string): Promise<Entity[]> {
    const { items } = await this.catalogApi.getEntities({
      filter: { kind: 'Component', 'metadata.name': name },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return items;
  }
}
