export { RequestDetailsDialog } from './RequestDetailsDialog';
export type { RequestDetailsDialogProps } from './RequestDetailsDialog';
