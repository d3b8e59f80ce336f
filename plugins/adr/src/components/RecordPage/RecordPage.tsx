import { Content, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { describeAdrFormat } from '@souverain/plugin-adr-common';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { adrApiRef } from '../../api';
import { formatAdrNumber } from '../../lib/format';
import { comparableUrl, linksToOtherFolders, toBrowsableUrl } from '../../lib/links';
import { useListSearch } from '../../lib/listState';
import { rootRouteRef } from '../../routes';
import { AdrMarkdown } from '../AdrMarkdown';
import { StatusChip } from '../StatusChip';
import { SupersedesChain } from '../SupersedesChain';
import { RecordDetails } from './RecordDetails';
import { RelatedDecisions } from './RelatedDecisions';
import { StatusBanner } from './StatusBanner';

/** One decision record: its metadata, status, links, chain and markdown. */
export function RecordView(props: { id: string }) {
  const { id } = props;
  const api = useApi(adrApiRef);
  const rootLink = useRouteRef(rootRouteRef);
  const listSearch = useListSearch();
  const record = useAsync(() => api.get(id), [api, id]);
  const graph = useAsync(() => api.graph({ id }), [api, id]);
  const entityRef = record.value?.entityRef;
  const crossFolder = record.value ? linksToOtherFolders(record.value.body) : false;
  // Relative links to other record files become links to their views: map file URLs to ids.
  const index = useAsync(async () => {
    if (!entityRef) return new Map<string, string>();
    const response = await api.list(
      crossFolder ? { limit: 500 } : { entityRef: [entityRef], limit: 500 },
    );
    return new Map(response.items.map(item => [comparableUrl(item.url), item.id]));
  }, [api, entityRef, crossFolder]);

  const context = useMemo(
    () => ({
      recordUrl: record.value?.url ?? '',
      recordIdAt: (url: string) => index.value?.get(url),
    }),
    [record.value, index.value],
  );

  const back = rootLink ? (
    <Box sx={{ mb: 2 }}>
      <Link to={`${rootLink()}${listSearch}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <ArrowBackIcon fontSize="small" /> All decisions
      </Link>
    </Box>
  ) : null;

  if (record.loading) {
    return (
      <Content>
        {back}
        <Progress />
      </Content>
    );
  }
  if (record.error || !record.value) {
    return (
      <Content>
        {back}
        <ResponseErrorPanel error={record.error ?? new Error('No such decision record')} />
      </Content>
    );
  }
  const adr = record.value;
  const number = formatAdrNumber(adr.number);
  const source = /^https?:\/\//i.test(adr.url) ? toBrowsableUrl(adr.url) : undefined;

  return (
    <Content>
      {back}
      <Box component="header" sx={{ mb: 3 }}>
        <Typography variant="h4" component="h1" sx={{ mb: 1 }}>
          {adr.title}
        </Typography>
        <Stack direction="row" gap={1.5} alignItems="center" flexWrap="wrap">
          <StatusChip status={adr.status} size="medium" />
          {adr.statusRaw && adr.statusRaw.toLowerCase() !== adr.status && (
            <Typography variant="body2" color="text.secondary">
              Status as written: “{adr.statusRaw}”
            </Typography>
          )}
          {number && (
            <Typography variant="body1" fontWeight={600}>
              {number}
            </Typography>
          )}
          <Typography variant="body2" color="text.secondary">
            {adr.date ?? 'No date'} · {describeAdrFormat(adr.format)} ·{' '}
            <EntityRefLink entityRef={adr.entityRef} />
          </Typography>
          {source && (
            <Link to={source} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              View source <OpenInNewIcon fontSize="inherit" />
            </Link>
          )}
        </Stack>
      </Box>
      <StatusBanner record={adr} />
      {adr.problems.length > 0 && (
        <Alert severity="warning" sx={{ mb: 3 }}>
          <AlertTitle>
            {adr.problems.length} problem{adr.problems.length === 1 ? '' : 's'} in this file
          </AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {adr.problems.map((problem, i) => (
              <li key={i}>
                {problem.line ? `Line ${problem.line}: ` : ''}
                {problem.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      <Grid container spacing={3}>
        <Grid item xs={12} md={8}>
          <Paper variant="outlined" sx={{ p: 3 }} component="article" aria-label="Decision record">
            {adr.body.trim() ? (
              <AdrMarkdown markdown={adr.body} context={context} />
            ) : (
              <Typography color="text.secondary">This record has no content.</Typography>
            )}
          </Paper>
        </Grid>
        <Grid item xs={12} md={4}>
          <Stack gap={3}>
            <RecordDetails record={adr} />
            <RelatedDecisions links={adr.links} />
            {graph.value && (
              <SupersedesChain graph={graph.value} currentId={adr.id} entityRef={adr.entityRef} />
            )}
          </Stack>
        </Grid>
      </Grid>
    </Content>
  );
}

/** The record view at `/decisions/:id`. */
export function RecordPage() {
  const { id = '' } = useParams();
  return <RecordView id={id} />;
}
