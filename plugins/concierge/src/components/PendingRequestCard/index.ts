export { PendingRequestCard } from './PendingRequestCard';
export type { PendingRequestCardProps } from './PendingRequestCard';
