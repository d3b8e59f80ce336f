import Chip, { ChipProps } from '@mui/material/Chip';
import { RequestState } from '@souverain/plugin-concierge-common';

/** The chip colour of each request state, the same on every view of the concierge. */
export const STATE_COLORS: Record<RequestState, ChipProps['color']> = {
  pending: 'warning',
  approved: 'info',
  active: 'success',
  expired: 'default',
  revoked: 'default',
  denied: 'error',
  cancelled: 'default',
  failed: 'error',
};

/** Props of {@link StateChip}. */
export interface StateChipProps {
  state: RequestState;
  size?: ChipProps['size'];
}

/** A request's state, coloured the same way everywhere. */
export function StateChip(props: StateChipProps) {
  const { state, size = 'small' } = props;
  return (
    <Chip
      size={size}
      label={state}
      color={STATE_COLORS[state] ?? 'default'}
      variant={STATE_COLORS[state] === 'default' ? 'outlined' : 'filled'}
      data-state={state}
      sx={{ textTransform: 'capitalize', fontWeight: 500 }}
    />
  );
}
