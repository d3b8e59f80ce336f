import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import { AdrStats } from '@souverain/plugin-adr-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { adrApiRef } from '../../api';
import { useEntityTitles } from '../../lib/useEntityTitles';
import { DecisionsTable } from '../DecisionsTable';
import { MultiFacet, StatusFacet } from '../Facets';
import { DateRange } from './DateRange';
import { PAGE_SIZES, filtersToQuery, hasActiveFilters } from './filters';
import { SearchBox } from './SearchBox';
import { SortControls } from './SortControls';
import { useDecisionFilters } from './useDecisionFilters';

/** Props of {@link DecisionsExplorer}. */
export interface DecisionsExplorerProps {
  /** Only the records of this entity; hides the entity facets and columns. */
  entityRef?: string;
  /** Facet counts, from the stats API. */
  stats?: AdrStats;
  /** Changing it reloads the list (after a refresh of the index). */
  reloadKey?: number;
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
