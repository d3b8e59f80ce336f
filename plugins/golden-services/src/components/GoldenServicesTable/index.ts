export { GoldenServicesTable } from './GoldenServicesTable';
export type { GoldenServicesTableProps } from './GoldenServicesTable';
