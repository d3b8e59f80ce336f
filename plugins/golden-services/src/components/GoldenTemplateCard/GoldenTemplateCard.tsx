import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { computeTemplateDrift, GoldenServiceDrift } from '@souverain/plugin-golden-services-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { goldenServicesApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ChangelogList } from '../ChangelogList';
import { DriftStatusChip } from '../DriftStatusChip';

function Field(props: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="overline" color="text.secondary" sx={{ lineHeight: 2 }}>
        {props.label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, mb: 1.5 }}>
        {props.children}
      </Typography>
    </>
  );
}

function ChangesSince(props: { service: GoldenServiceDrift }) {
  const { service } = props;
  switch (service.status) {
    case 'behind':
      return (
        <ChangelogList
          entries={service.missingChanges}
          label={`Changes ${service.name} is missing`}
        />
      );
    case 'current':
      return <>None: the service is on the template's current version.</>;
    case 'ahead':
      return <>None: the service is stamped with a version newer than the template's.</>;
    default:
      return <>Unknown: the versions cannot be compared.</>;
  }
}

/** The golden template a component was created from, and what changed in it since. */
export function GoldenTemplateCard() {
  const { entity } = useEntity();
  const api = useApi(goldenServicesApiRef);
  const goldenServicesLink = useRouteRef(rootRouteRef);
  const drift = useAsync(async () => {
    const templates = await api.getGoldenTemplates();
    const report = computeTemplateDrift(templates, [entity]);
    return [...report.templates.flatMap(t => t.services), ...report.unknownTemplateServices][0];
  }, [api, entity]);

  let content;
  if (drift.loading) {
    content = <Progress />;
  } else if (drift.error) {
    content = <ResponseErrorPanel error={drift.error} />;
  } else if (!drift.value) {
    content = (
      <Typography color="text.secondary">
        This component was not created from a golden template.
      </Typography>
    );
  } else {
    const service = drift.value;
    content = (
      <Box component="dl" sx={{ m: 0 }}>
        <Field label="Template">
          {service.templateRef ? (
            <EntityRefLink entityRef={service.templateRef} hideIcon />
          ) : (
            service.template
          )}
        </Field>
        <Field label="Created from version">
          {service.version ?? 'not stamped'}
          {service.currentVersion && service.status !== 'current' && (
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              (current: {service.currentVersion})
            </Typography>
          )}
        </Field>
        <Field label="Status">
          <DriftStatusChip service={service} />
        </Field>
        <Field label="Changes since">
          <ChangesSince service={service} />
        </Field>
      </Box>
    );
  }
  return (
    <InfoCard
      title="Golden template"
      deepLink={
        goldenServicesLink
          ? { title: 'All golden services', link: goldenServicesLink() }
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
