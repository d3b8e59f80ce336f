import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AdrStats } from '@souverain/plugin-adr-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { adrApiRef } from '../api';
import { DecisionsTable } from './DecisionsTable';
import { MultiFacet, StatusFacet } from './Facets';
import {
  DecisionFilters,
  FILTER_PARAMS,
  PAGE_SIZES,
  filtersFromSearchParams,
  filtersToQuery,
  hasActiveFilters,
} from './filters';
import { isoDay } from './format';
import { useEntityTitles } from './useEntityTitles';

type ParamChanges = Record<string, string | string[] | undefined>;

/** The list's filters, read from and written to the URL's search parameters. */
export function useDecisionFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(params), [params]);
  const update = useCallback(
    (changes: ParamChanges) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            next.delete(key);
            if (Array.isArray(value)) value.forEach(v => next.append(key, v));
            else if (value) next.set(key, value);
          }
          // Any change of filter starts again on the first page.
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(
    () => update(Object.fromEntries(FILTER_PARAMS.map(key => [key, undefined]))),
    [update],
  );
  return { filters, update, clear };
}

/** Props of {@link DecisionsExplorer}. */
export interface DecisionsExplorerProps {
  /** Only the records of this entity; hides the entity facets and columns. */
  entityRef?: string;
  /** Facet counts, from the stats API. */
  stats?: AdrStats;
  /** Changing it reloads the list (after a refresh of the index). */
  reloadKey?: number;
}

function SearchBox(props: { value: string; onSearch: (q: string) => void }) {
  const { value, onSearch } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useDebounce(
    () => {
      if (text.trim() !== value.trim()) onSearch(text);
    },
    400,
    [text],
  );
  return (
    <TextField
      fullWidth
      size="small"
      type="search"
      placeholder="Search titles, context and decisions"
      value={text}
      onChange={event => setText(event.target.value)}
      inputProps={{ 'aria-label': 'Search decisions', maxLength: 200 }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" />
          </InputAdornment>
        ),
      }}
    />
  );
}

function DateRange(props: {
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

const SORT_LABELS: Record<string, string> = {
  relevance: 'Best match',
  date: 'Date',
  number: 'Number',
  title: 'Title',
  status: 'Status',
};

function SortControls(props: {
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

/**
 * Search, facets and a paged table of decision records, with every filter in the URL so that a
 * filtered list can be shared as a link.
 */
export function DecisionsExplorer(props: DecisionsExplorerProps) {
  const { entityRef, stats, reloadKey = 0 } = props;
  const api = useApi(adrApiRef);
  const { filters, update, clear } = useDecisionFilters();
  const query = useMemo(() => filtersToQuery(filters, entityRef), [filters, entityRef]);
  const queryKey = JSON.stringify(query);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const list = useAsyncRetry(() => api.list(query), [api, queryKey, reloadKey]);
  const titles = useEntityTitles([
    ...(stats?.bySystem ?? []).map(f => f.value),
    ...(stats?.byDomain ?? []).map(f => f.value),
    ...(stats?.byOwner ?? []).map(f => f.value),
    ...filters.system,
    ...filters.domain,
    ...filters.owner,
  ]);
  const active = hasActiveFilters(filters);

  const facets = (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Filters">
      <Stack gap={2}>
        <StatusFacet
          counts={stats?.byStatus}
          selected={filters.status}
          onChange={status => update({ status })}
        />
        {!entityRef && (
          <>
            <MultiFacet
              label="System"
              values={stats?.bySystem}
              selected={filters.system}
              titles={titles}
              onChange={system => update({ system })}
            />
            <MultiFacet
              label="Domain"
              values={stats?.byDomain}
              selected={filters.domain}
              titles={titles}
              onChange={domain => update({ domain })}
            />
            <MultiFacet
              label="Owner"
              values={stats?.byOwner}
              selected={filters.owner}
              titles={titles}
              onChange={owner => update({ owner })}
            />
          </>
        )}
        <MultiFacet
          label="Tag"
          values={stats?.byTag}
          selected={filters.tag}
          onChange={tag => update({ tag })}
        />
        <DateRange filters={filters} update={update} />
        <Divider />
        <Button onClick={clear} disabled={!active} size="small">
          Clear filters
        </Button>
      </Stack>
    </Paper>
  );

  let results;
  if (list.error) {
    results = <ResponseErrorPanel error={list.error} />;
  } else if (!list.value) {
    results = <Progress />;
  } else if (list.value.items.length === 0 && list.value.totalCount > 0) {
    results = (
      <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
        <Typography sx={{ mb: 2 }}>This page is past the last decision.</Typography>
        <Button variant="outlined" onClick={() => update({ page: undefined })}>
          Go to the first page
        </Button>
      </Paper>
    );
  } else if (list.value.items.length === 0) {
    results = (
      <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
        <Typography variant="h6" component="p">
          No decisions match
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 1, mb: 2 }}>
          {active
            ? 'No decision record matches these filters.'
            : 'No decision record has been indexed here yet. Records are read from the folder named by the backstage.io/adr-location annotation.'}
        </Typography>
        {active && (
          <Button variant="outlined" onClick={clear}>
            Clear filters
          </Button>
        )}
      </Paper>
    );
  } else {
    const { items, totalCount } = list.value;
    results = (
      <Paper variant="outlined">
        {list.loading && <Progress />}
        <DecisionsTable items={items} showEntity={!entityRef} />
        <TablePagination
          component="div"
          count={totalCount}
          page={Math.min(filters.page - 1, Math.max(0, Math.ceil(totalCount / filters.pageSize) - 1))}
          rowsPerPage={filters.pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, page) => update({ page: page > 0 ? String(page + 1) : undefined })}
          onRowsPerPageChange={event => update({ size: event.target.value })}
        />
      </Paper>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4} lg={3}>
        {facets}
      </Grid>
      <Grid item xs={12} md={8} lg={9}>
        <Stack direction={{ xs: 'column', sm: 'row' }} gap={2} sx={{ mb: 2 }} alignItems="center">
          <SearchBox value={filters.q} onSearch={q => update({ q: q.trim() || undefined })} />
          <SortControls filters={filters} update={update} />
        </Stack>
        {list.value && !list.error && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} aria-live="polite">
            {list.value.totalCount} decision{list.value.totalCount === 1 ? '' : 's'}
            {active && (list.value.totalCount === 1 ? ' matches' : ' match')}
          </Typography>
        )}
        {results}
      </Grid>
    </Grid>
  );
}
