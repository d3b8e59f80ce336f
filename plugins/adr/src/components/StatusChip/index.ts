export { StatusChip, STATUS_COLORS } from './StatusChip';
export type { StatusChipProps } from './StatusChip';
