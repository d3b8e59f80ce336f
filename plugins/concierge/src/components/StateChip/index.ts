export { StateChip, STATE_COLORS } from './StateChip';
export type { StateChipProps } from './StateChip';
