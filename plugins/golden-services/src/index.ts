/**
 * Souverain golden services: the Golden services page (which services drifted from their
 * golden template), the "Golden template" entity card, and the `SouverainServiceName`
 * scaffolder field.
 *
 * @packageDocumentation
 */
import { goldenServicesPlugin } from './plugin';

export default goldenServicesPlugin;
export {
  goldenServicesPlugin,
  goldenServicesPage,
  goldenTemplateCard,
  serviceNameFormFieldExtension,
  isGoldenComponent,
} from './plugin';
export { rootRouteRef } from './routes';
export {
  GOLDEN_SERVICE_FILTER,
  GOLDEN_TEMPLATE_FILTER,
  loadGoldenTemplates,
  loadTemplateDrift,
} from './catalog';
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
