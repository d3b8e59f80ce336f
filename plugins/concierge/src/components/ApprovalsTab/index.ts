export { ApprovalsTab } from './ApprovalsTab';
export type { ApprovalsTabProps } from './ApprovalsTab';
export { BreakGlassReviews } from './BreakGlassReviews';
export type { BreakGlassReviewsProps } from './BreakGlassReviews';
