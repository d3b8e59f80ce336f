import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  AdrDetail,
  AdrLinkType,
  AdrResolvedLink,
  describeAdrFormat,
} from '@souverain/plugin-adr-common';
import { ReactNode, useMemo } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { adrApiRef } from '../api';
import { rootRouteRef, recordRouteRef } from '../routes';
import { useListSearch, useRecordLinkState } from './listState';
import { AdrMarkdown } from './AdrMarkdown';
import { formatAdrNumber } from './format';
import { comparableUrl, linksToOtherFolders, toBrowsableUrl } from './links';
import { StatusChip } from './StatusChip';
import { SupersedesChain } from './SupersedesChain';

const LINK_LABELS: Record<AdrLinkType, string> = {
  supersedes: 'Supersedes',
  'superseded-by': 'Superseded by',
  amends: 'Amends',
  'amended-by': 'Amended by',
};

function linkText(link: AdrResolvedLink): string {
  const number = formatAdrNumber(link.number);
  if (link.targetTitle) {
    return number ? `${number}: ${link.targetTitle}` : link.targetTitle;
  }
  return number || link.target;
}

/** A link to another record, or its reference as text when it is not in the index. */
function RecordLink(props: { link: AdrResolvedLink; children?: ReactNode }) {
  const { link, children } = props;
  const recordLink = useRouteRef(recordRouteRef);
  const linkState = useRecordLinkState();
  if (!link.targetId || !recordLink) {
    return (
      <span title="This record is not in the index">
        {children ?? linkText(link)} <em>(not found)</em>
      </span>
    );
  }
  return <Link to={recordLink({ id: link.targetId })} state={linkState}>{children ?? linkText(link)}</Link>;
}

/** What became of a record that is no longer in force. */
function StatusBanner(props: { record: AdrDetail }) {
  const { record } = props;
  const successors = record.links.filter(l => l.type === 'superseded-by');
  if (record.status === 'superseded' || successors.length > 0) {
    return (
      <Alert severity="warning" variant="filled" sx={{ mb: 3 }} role="status">
        {successors.length > 0 ? (
          successors.map(link => (
            <Box key={`${link.target}-${link.targetId}`} sx={{ '& a': { color: 'inherit', fontWeight: 700 } }}>
              Superseded by <RecordLink link={link} />
            </Box>
          ))
        ) : (
          <>This decision was superseded{record.statusRaw ? ` (${record.statusRaw})` : ''}.</>
        )}
      </Alert>
    );
  }
  if (record.status === 'deprecated') {
    return (
      <Alert severity="warning" sx={{ mb: 3 }} role="status">
        This decision is deprecated: it no longer applies.
      </Alert>
    );
  }
  if (record.status === 'rejected') {
    return (
      <Alert severity="info" sx={{ mb: 3 }} role="status">
        This decision was rejected: it records an option the team chose not to take.
      </Alert>
    );
  }
  return null;
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ mb: 1.5 }}>
      <Typography variant="overline" component="dt" color="text.secondary" lineHeight={1.5}>
        {props.label}
      </Typography>
      <Typography variant="body2" component="dd" sx={{ m: 0 }}>
        {props.children}
      </Typography>
    </Box>
  );
}

function people(list: string[]): ReactNode {
  return list.length ? list.join(', ') : '–';
}

function Details(props: { record: AdrDetail }) {
  const { record } = props;
  const source = /^https?:\/\//i.test(record.url) ? toBrowsableUrl(record.url) : undefined;
  return (
    <InfoCard title="About this decision">
      <Box component="dl" sx={{ m: 0 }}>
        <Field label="Entity">
          <EntityRefLink entityRef={record.entityRef} />
        </Field>
        {record.system && (
          <Field label="System">
            <EntityRefLink entityRef={record.system} />
          </Field>
        )}
        {record.domain && (
          <Field label="Domain">
            <EntityRefLink entityRef={record.domain} />
          </Field>
        )}
        {record.owner && (
          <Field label="Owner">
            <EntityRefLink entityRef={record.owner} />
          </Field>
        )}
        <Field label="Deciders">{people(record.deciders)}</Field>
        <Field label="Consulted">{people(record.consulted)}</Field>
        <Field label="Informed">{people(record.informed)}</Field>
        <Field label="Tags">
          {record.tags.length ? (
            <Stack direction="row" gap={0.5} flexWrap="wrap" component="span">
              {record.tags.map(tag => (
                <Chip key={tag} label={tag} size="small" variant="outlined" />
              ))}
            </Stack>
          ) : (
            '–'
          )}
        </Field>
        <Field label="Format">{describeAdrFormat(record.format)}</Field>
        <Field label="File">
          {source ? (
            <Link to={source}>
              {record.path} <OpenInNewIcon sx={{ fontSize: 14, verticalAlign: 'middle' }} />
            </Link>
          ) : (
            <Box component="code" sx={{ overflowWrap: 'anywhere' }}>
              {record.path}
            </Box>
          )}
        </Field>
      </Box>
    </InfoCard>
  );
}

function LinksPanel(props: { links: AdrResolvedLink[] }) {
  const { links } = props;
  if (links.length === 0) return null;
  const types = (Object.keys(LINK_LABELS) as AdrLinkType[]).filter(type =>
    links.some(l => l.type === type),
  );
  return (
    <InfoCard title="Related decisions">
      <Box component="dl" sx={{ m: 0 }}>
        {types.map(type => (
          <Box key={type} sx={{ mb: 1.5 }}>
            <Typography variant="overline" component="dt" color="text.secondary">
              {LINK_LABELS[type]}
            </Typography>
            {links
              .filter(l => l.type === type)
              .map(link => (
                <Box
                  component="dd"
                  key={`${link.target}-${link.targetId}`}
                  sx={{ m: 0, mb: 0.5, display: 'flex', gap: 1, alignItems: 'center' }}
                >
                  {link.targetId && <StatusChip status={link.targetStatus} />}
                  <Typography variant="body2" component="span">
                    <RecordLink link={link} />
                  </Typography>
                </Box>
              ))}
          </Box>
        ))}
      </Box>
    </InfoCard>
  );
}

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
            <Details record={adr} />
            <LinksPanel links={adr.links} />
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
