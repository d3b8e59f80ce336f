import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { isoDay } from '../../lib/format';
import { DecisionFilters } from './filters';
import { ParamChanges } from './useDecisionFilters';

/** The From and To dates of the filters, with a "Last 12 months" shortcut. */
export function DateRange(props: {
  filters: DecisionFilters;
  update: (changes: ParamChanges) => void;
}) {
  const { filters, update } = props;
  const lastYear = () => {
    const date = new Date();
    date.setUTCFullYear(date.getUTCFullYear() - 1);
    update({ from: isoDay(date), to: undefined });
  };
  return (
    <Box role="group" aria-label="Date">
      <Typography variant="overline" component="h3" color="text.secondary">
        Date
      </Typography>
      <Stack direction="column" gap={1.5} sx={{ mt: 1 }}>
        <TextField
          label="From"
          type="date"
          size="small"
          value={filters.from ?? ''}
          onChange={event => update({ from: event.target.value || undefined })}
          InputLabelProps={{ shrink: true }}
          fullWidth
        />
        <TextField
          label="To"
          type="date"
          size="small"
          value={filters.to ?? ''}
          onChange={event => update({ to: event.target.value || undefined })}
          InputLabelProps={{ shrink: true }}
          fullWidth
        />
      </Stack>
      <Chip
        label="Last 12 months"
        size="small"
        variant="outlined"
        onClick={lastYear}
        sx={{ mt: 1 }}
      />
    </Box>
  );
}
