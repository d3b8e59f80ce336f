export { GoldenServicesPage } from './GoldenServicesPage';
