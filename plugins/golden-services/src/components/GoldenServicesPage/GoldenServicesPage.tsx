import {
  Content,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  GoldenServiceDrift,
  GoldenTemplateDrift,
  TemplateDriftReport,
} from '@souverain/plugin-golden-services-common';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { goldenServicesApiRef } from '../../api';
import { GoldenServicesTable } from '../GoldenServicesTable';

/** The template filter's value for services whose template is not in the catalog. */
const UNKNOWN_TEMPLATE = ':unknown';

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The Create page of one template. */
function templateCreateUrl(template: GoldenTemplateDrift['template']) {
  return `/create/templates/${encodeURIComponent(template.namespace)}/${encodeURIComponent(
    template.name,
  )}`;
}

function TemplateSection(props: { section: GoldenTemplateDrift; onlyBehind: boolean }) {
  const { section, onlyBehind } = props;
  const { template, behindCount } = section;
  const services = onlyBehind
    ? section.services.filter(service => service.status === 'behind')
    : section.services;
  const version = template.currentVersion ?? template.currentVersionRaw ?? 'unknown';
  let body;
  if (section.services.length === 0) {
    body = (
      <Typography color="text.secondary">No service was created from this template yet.</Typography>
    );
  } else if (services.length === 0) {
    body = (
      <Typography color="text.secondary">
        Every service created from this template is on its current version.
      </Typography>
    );
  } else {
    body = (
      <GoldenServicesTable services={services} label={`Services created from ${template.title}`} />
    );
  }
  return (
    <Box component="section" aria-label={template.title}>
      <InfoCard
        title={template.title}
        subheader={
          <span data-testid="template-summary">
            Current version {version} · {plural(section.services.length, 'service')} · {behindCount}{' '}
            behind
          </span>
        }
        deepLink={{
          title: 'Create a service from this template',
          link: templateCreateUrl(template),
        }}
      >
        {template.description && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {template.description}
          </Typography>
        )}
        {body}
      </InfoCard>
    </Box>
  );
}

function UnknownTemplateSection(props: { services: GoldenServiceDrift[] }) {
  const { services } = props;
  const title = 'Templates not in the catalog or not visible to you';
  return (
    <Box component="section" aria-label={title}>
      <InfoCard
        title={title}
        subheader={`${plural(
          services.length,
          'service',
        )} name a golden template the catalog does not hold, or one restricted to other teams`}
      >
        <GoldenServicesTable services={services} label={title} showTemplate />
      </InfoCard>
    </Box>
  );
}

function Filters(props: {
  report: TemplateDriftReport;
  template: string;
  onlyBehind: boolean;
  onChange: (template: string, onlyBehind: boolean) => void;
}) {
  const { report, template, onlyBehind, onChange } = props;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} gap={2} alignItems={{ sm: 'center' }}>
      <TextField
        select
        size="small"
        label="Template"
        value={template}
        onChange={event => onChange(event.target.value, onlyBehind)}
        sx={{ minWidth: 260 }}
      >
        <MenuItem value="">All templates</MenuItem>
        {report.templates.map(section => (
          <MenuItem key={section.template.entityRef} value={section.template.name}>
            {section.template.title} ({section.services.length})
          </MenuItem>
        ))}
        {report.unknownTemplateServices.length > 0 && (
          <MenuItem value={UNKNOWN_TEMPLATE}>
            Not in the catalog ({report.unknownTemplateServices.length})
          </MenuItem>
        )}
      </TextField>
      <FormControlLabel
        control={
          <Switch checked={onlyBehind} onChange={(_, checked) => onChange(template, checked)} />
        }
        label="Only behind"
      />
    </Stack>
  );
}

/** Every service created from a golden template, by template, flagging those behind. */
export function GoldenServicesPage() {
  const api = useApi(goldenServicesApiRef);
  const drift = useAsyncRetry(() => api.getTemplateDrift(), [api]);
  const [searchParams, setSearchParams] = useSearchParams();
  const templateFilter = searchParams.get('template') ?? '';
  const onlyBehind = searchParams.get('behind') === 'true';

  const setFilters = (template: string, behind: boolean) => {
    const next = new URLSearchParams(searchParams);
    if (template) next.set('template', template);
    else next.delete('template');
    if (behind) next.set('behind', 'true');
    else next.delete('behind');
    setSearchParams(next, { replace: true });
  };

  if (drift.loading) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (drift.error) {
    return (
      <Content>
        <ResponseErrorPanel error={drift.error} />
      </Content>
    );
  }
  const report = drift.value!;
  if (report.serviceCount === 0) {
    return (
      <Content>
        <EmptyState
          missing="data"
          title="No service was created from a golden template yet"
          description="Services created from a golden template are listed here with the template version they came from, so you can see which ones have fallen behind."
          action={
            <Button variant="contained" component={RouterLink} to="/create">
              Create a service
            </Button>
          }
        />
      </Content>
    );
  }

  const behindTotal = report.templates.reduce((sum, section) => sum + section.behindCount, 0);
  const sections =
    templateFilter === UNKNOWN_TEMPLATE
      ? []
      : report.templates.filter(
          section => !templateFilter || section.template.name === templateFilter,
        );
  // Services of unknown templates cannot be behind: the "only behind" filter hides them.
  const unknown =
    !onlyBehind && (!templateFilter || templateFilter === UNKNOWN_TEMPLATE)
      ? report.unknownTemplateServices
      : [];

  return (
    <Content>
      <Stack direction={{ xs: 'column', md: 'row' }} gap={2} sx={{ mb: 3 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="body1">
            Services created from a golden template, by template and version. A service is behind
            when its template has released a newer version since it was created.
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {plural(report.serviceCount, 'service')} ·{' '}
            {plural(report.templates.length, 'golden template')} · {behindTotal} behind
          </Typography>
        </Box>
        <Filters
          report={report}
          template={templateFilter}
          onlyBehind={onlyBehind}
          onChange={setFilters}
        />
      </Stack>
      <Stack gap={3}>
        {sections.map(section => (
          <TemplateSection
            key={section.template.entityRef}
            section={section}
            onlyBehind={onlyBehind}
          />
        ))}
        {unknown.length > 0 && <UnknownTemplateSection services={unknown} />}
        {sections.length === 0 && unknown.length === 0 && (
          <Typography color="text.secondary">No service matches these filters.</Typography>
        )}
      </Stack>
    </Content>
  );
}
