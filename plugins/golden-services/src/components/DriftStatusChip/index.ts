export { DriftStatusChip, describeDriftStatus } from './DriftStatusChip';
export type { DriftStatusChipProps } from './DriftStatusChip';
