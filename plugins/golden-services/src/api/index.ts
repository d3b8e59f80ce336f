export { goldenServicesApiRef } from './GoldenServicesApi';
export type { GoldenServicesApi } from './GoldenServicesApi';
export {
  GOLDEN_SERVICE_FILTER,
  GOLDEN_TEMPLATE_FILTER,
  GoldenServicesClient,
} from './GoldenServicesClient';
