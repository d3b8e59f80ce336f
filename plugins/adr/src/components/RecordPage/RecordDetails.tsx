import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AdrDetail, describeAdrFormat } from '@souverain/plugin-adr-common';
import { ReactNode } from 'react';
import { toBrowsableUrl } from '../../lib/links';

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

/** The "About this decision" card: entity, people, tags, format and file. */
export function RecordDetails(props: { record: AdrDetail }) {
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
