/**
 * Souverain golden services: the Golden services page (which services drifted from their
 * golden template), the "Golden template" entity card, and the `SouverainServiceName`
 * scaffolder field.
 *
 * @packageDocumentation
 */
export { goldenServicesPlugin as default, goldenServicesPlugin } from './plugin';
export {
  goldenServicesApi,
  goldenServicesPage,
  goldenTemplateCard,
  serviceNameFormFieldExtension,
  isGoldenComponent,
} from './extensions';
export { rootRouteRef } from './routes';
export {
  GOLDEN_SERVICE_FILTER,
  GOLDEN_TEMPLATE_FILTER,
  GoldenServicesClient,
  goldenServicesApiRef,
} from './api';
export type { GoldenServicesApi } from './api';
export { GoldenServicesPage } from './components/GoldenServicesPage';
export { GoldenServicesTable } from './components/GoldenServicesTable';
export type { GoldenServicesTableProps } from './components/GoldenServicesTable';
export { GoldenTemplateCard } from './components/GoldenTemplateCard';
export { DriftStatusChip, describeDriftStatus } from './components/DriftStatusChip';
export type { DriftStatusChipProps } from './components/DriftStatusChip';
export { ChangelogList } from './components/ChangelogList';
export type { ChangelogListProps } from './components/ChangelogList';
export {
  SERVICE_NAME_FIELD_NAME,
  ServiceNameField,
  serviceNameFieldValidation,
  describeTakenServiceName,
} from './components/ServiceNameField';
