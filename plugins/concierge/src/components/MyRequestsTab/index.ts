export { MyRequestsTab } from './MyRequestsTab';
export type { MyRequestsTabProps } from './MyRequestsTab';
export { MyRequestsTable } from './MyRequestsTable';
export type { MyRequestsTableProps, MyRequestAction } from './MyRequestsTable';
