import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { formatDateTime, formatTimeLeft } from '../../lib/format';
import { useNow } from '../../lib/useNow';

/** Props of {@link TimeLeft}. */
export interface TimeLeftProps {
  /** When the grant ends (ISO-8601). */
  expiresAt: string;
}

/** A live countdown to the end of a grant, with the end time as a tooltip. */
export function TimeLeft(props: TimeLeftProps) {
  const { expiresAt } = props;
  const now = useNow();
  const left = new Date(expiresAt).getTime() - now;
  return (
    <Tooltip title={`Ends ${formatDateTime(expiresAt)}`}>
      <Typography
        component="span"
        variant="body2"
        color={left < 5 * 60_000 ? 'warning.main' : undefined}
        sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      >
        {left > 0 ? `${formatTimeLeft(left)} left` : 'expired'}
      </Typography>
    </Tooltip>
  );
}
