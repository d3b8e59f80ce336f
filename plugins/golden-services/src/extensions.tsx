import {
  ApiBlueprint,
  ExtensionDefinition,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import AutoAwesomeIcon from '@mui/icons-material/AutoAwesome';
import { isGoldenService } from '@souverain/plugin-golden-services-common';
import { GoldenServicesClient, goldenServicesApiRef } from './api';
import { rootRouteRef } from './routes';

/** Provides {@link goldenServicesApiRef} over the catalog API. */
export const goldenServicesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: goldenServicesApiRef,
      deps: { catalogApi: catalogApiRef },
      factory: ({ catalogApi }) => new GoldenServicesClient({ catalogApi }),
    }),
});

/** Components created from a golden template (they carry `souverain.io/template`). */
export function isGoldenComponent(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component' && isGoldenService(entity);
}

/**
 * `/golden-services`: every service by golden template and version, flagging those behind.
 * Its title and icon make the sidebar's nav item.
 */
export const goldenServicesPage = PageBlueprint.make({
  params: {
    path: '/golden-services',
    title: 'Golden services',
    icon: <AutoAwesomeIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () => import('./components/GoldenServicesPage').then(m => <m.GoldenServicesPage />),
  },
});

/** The "Golden template" card on the overview of a component created from a golden template. */
export const goldenTemplateCard: ExtensionDefinition = EntityCardBlueprint.make({
  name: 'golden-template',
  params: {
    filter: isGoldenComponent,
    loader: () => import('./components/GoldenTemplateCard').then(m => <m.GoldenTemplateCard />),
  },
});

/**
 * The `SouverainServiceName` field of the scaffolder's forms. The blueprint attaches it to the
 * scaffolder's `api:scaffolder/form-fields` extension, which serves it to the Create page.
 */
export const serviceNameFormFieldExtension = FormFieldBlueprint.make({
  name: 'souverain-service-name',
  params: {
    field: () => import('./components/ServiceNameField/serviceNameFormField').then(m => m.serviceNameFormField),
  },
});
