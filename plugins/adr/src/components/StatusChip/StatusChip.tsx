import Chip, { ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { AdrStatus } from '@souverain/plugin-adr-common';

/** The chip colour of each status, the same on every view of the decision browser. */
export const STATUS_COLORS: Record<AdrStatus, ChipProps['color']> = {
  proposed: 'info',
  accepted: 'success',
  rejected: 'error',
  deprecated: 'warning',
  superseded: 'default',
};

/** Props of {@link StatusChip}. */
export interface StatusChipProps {
  /** The normalised status; null or undefined when the record's status was not recognised. */
  status: AdrStatus | null | undefined;
  /** The status as written in the record, shown as a tooltip and for unknown statuses. */
  statusRaw?: string | null;
  size?: ChipProps['size'];
  /** Shown after the label, e.g. a facet count. */
  count?: number;
  onClick?: () => void;
  /** Whether a clickable chip is selected (a filter). */
  selected?: boolean;
}

/** A decision record's status, coloured the same way everywhere. */
export function StatusChip(props: StatusChipProps) {
  const { status, statusRaw, size = 'small', count, onClick, selected } = props;
  const known = status ?? undefined;
  const text = known ?? 'unknown';
  const label = count === undefined ? text : `${text} (${count})`;
  const clickable = Boolean(onClick);
  const chip = (
    <Chip
      size={size}
      label={label}
      color={known ? STATUS_COLORS[known] : 'default'}
      variant={!known || (clickable && !selected) ? 'outlined' : 'filled'}
      onClick={onClick}
      aria-pressed={clickable ? Boolean(selected) : undefined}
      data-status={text}
      sx={{ textTransform: 'capitalize', fontWeight: 500 }}
    />
  );
  const tooltip = statusRaw && statusRaw.toLowerCase() !== text ? statusRaw : undefined;
  return tooltip ? (
    <Tooltip title={`Written as: ${tooltip}`}>
      <span>{chip}</span>
    </Tooltip>
  ) : (
    chip
  );
}
