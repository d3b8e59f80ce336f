import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { DecisionFilters } from './filters';
import { ParamChanges } from './useDecisionFilters';

const SORT_LABELS: Record<string, string> = {
  relevance: 'Best match',
  date: 'Date',
  number: 'Number',
  title: 'Title',
  status: 'Status',
};

/** Sort field and order; relevance is offered while searching. */
export function SortControls(props: {
  filters: DecisionFilters;
  update: (changes: ParamChanges) => void;
}) {
  const { filters, update } = props;
  const searching = Boolean(filters.q.trim());
  const sort = filters.sort ?? (searching ? 'relevance' : 'date');
  const order =
    filters.order ?? (filters.sort === 'title' || filters.sort === 'number' ? 'asc' : 'desc');
  return (
    <Stack direction="row" gap={1}>
      <TextField
        select
        size="small"
        label="Sort by"
        value={sort}
        onChange={event =>
          update({
            sort: event.target.value === 'relevance' ? undefined : event.target.value,
            order: undefined,
          })
        }
        sx={{ minWidth: 130 }}
      >
        {Object.entries(SORT_LABELS)
          .filter(([key]) => key !== 'relevance' || searching)
          .map(([key, label]) => (
            <MenuItem key={key} value={key}>
              {label}
            </MenuItem>
          ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Order"
        value={order}
        disabled={sort === 'relevance'}
        onChange={event => update({ order: event.target.value })}
        sx={{ minWidth: 140 }}
      >
        <MenuItem value="desc">{sort === 'date' ? 'Newest first' : 'Descending'}</MenuItem>
        <MenuItem value="asc">{sort === 'date' ? 'Oldest first' : 'Ascending'}</MenuItem>
      </TextField>
    </Stack>
  );
}
