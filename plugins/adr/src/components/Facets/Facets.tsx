import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ADR_STATUSES, AdrFacetValue, AdrStatus } from '@souverain/plugin-adr-common';
import { StatusChip } from '../StatusChip';

/** Status chips with their counts; clicking one toggles it as a filter. */
export function StatusFacet(props: {
  counts?: AdrFacetValue[];
  selected: AdrStatus[];
  onChange: (statuses: AdrStatus[]) => void;
}) {
  const { counts, selected, onChange } = props;
  const countOf = (status: string) => counts?.find(c => c.value === status)?.count ?? 0;
  return (
    <Box role="group" aria-label="Status">
      <Typography variant="overline" component="h3" color="text.secondary">
        Status
      </Typography>
      <Stack direction="row" flexWrap="wrap" gap={1}>
        {ADR_STATUSES.map(status => {
          const on = selected.includes(status);
          return (
            <StatusChip
              key={status}
              status={status}
              count={counts ? countOf(status) : undefined}
              selected={on}
              onClick={() =>
                onChange(on ? selected.filter(s => s !== status) : [...selected, status])
              }
            />
          );
        })}
      </Stack>
    </Box>
  );
}

/** A multi-select over one facet's values (systems, domains, owners or tags), with counts. */
export function MultiFacet(props: {
  label: string;
  values?: AdrFacetValue[];
  selected: string[];
  onChange: (values: string[]) => void;
  titles?: Record<string, string>;
}) {
  const { label, values = [], selected, onChange, titles = {} } = props;
  const counts = new Map(values.map(v => [v.value, v.count]));
  const options = [...new Set([...values.map(v => v.value), ...selected])];
  const title = (value: string) => titles[value] ?? value;
  return (
    <Autocomplete
      multiple
      size="small"
      options={options}
      value={selected}
      onChange={(_event, value) => onChange(value)}
      getOptionLabel={title}
      filterSelectedOptions
      renderOption={(optionProps, option) => (
        <li {...optionProps} key={option}>
          <Box component="span" sx={{ flexGrow: 1 }}>
            {title(option)}
          </Box>
          <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
            {counts.get(option) ?? 0}
          </Typography>
        </li>
      )}
      renderInput={params => <TextField {...params} label={label} />}
    />
  );
}
