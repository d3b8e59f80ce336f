import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';

/** Systems grouped by domain, with their owner and how many components they hold. */
export interface SystemSummary {
  ref: string;
  title: string;
  description?: string;
  owner?: string;
  domain: string;
  components: number;
}

/** Groups systems by domain and counts each system's components. */
export function summariseSystems(
  systems: Entity[],
  components: Entity[],
  domains: Entity[] = [],
): Map<string, SystemSummary[]> {
  const domainTitles = new Map(
    domains.map(d => [stringifyEntityRef(d), d.metadata.title ?? d.metadata.name]),
  );
  const counts = new Map<string, number>();
  for (const component of components) {
    const system = component.spec?.system;
    if (typeof system !== 'string') continue;
    const ref = stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: component.metadata.namespace ?? 'default',
      }),
    );
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  const byDomain = new Map<string, SystemSummary[]>();
  for (const system of systems) {
    const ref = stringifyEntityRef(system);
    const domainRef =
      typeof system.spec?.domain === 'string'
        ? stringifyEntityRef(
            parseEntityRef(system.spec.domain, {
              defaultKind: 'domain',
              defaultNamespace: system.metadata.namespace ?? 'default',
            }),
          )
        : undefined;
    const domain = domainRef
      ? domainTitles.get(domainRef) ?? parseEntityRef(domainRef).name
      : 'No domain';
    const summary: SystemSummary = {
      ref,
      title: system.metadata.title ?? system.metadata.name,
      description: system.metadata.description,
      // Written refs may omit kind and namespace ("payments-team"); links need full refs.
      owner:
        typeof system.spec?.owner === 'string'
          ? stringifyEntityRef(
              parseEntityRef(system.spec.owner, {
                defaultKind: 'group',
                defaultNamespace: system.metadata.namespace ?? 'default',
              }),
            )
          : undefined,
      domain,
      components: counts.get(ref) ?? 0,
    };
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), summary]);
  }
  for (const list of byDomain.values()) {
    list.sort((a, b) => a.title.localeCompare(b.title));
  }
  return new Map([...byDomain.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** The org's systems at a glance, read from the catalog. */
export function SystemsAtAGlance() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [systems, components, domains] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'System' },
        fields: ['kind', 'metadata', 'spec'],
      }),
      catalogApi.getEntities({
        filter: { kind: 'Component' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.system'],
      }),
      catalogApi.getEntities({
        filter: { kind: 'Domain' },
        fields: ['kind', 'metadata'],
      }),
    ]);
    return summariseSystems(systems.items, components.items, domains.items);
  }, [catalogApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.size === 0) {
    return (
      <EmptyState
        missing="data"
        title="No systems in the catalog yet"
        description="Register a catalog-info.yaml that declares a System, or load the demo org from examples/all.yaml."
      />
    );
  }

  return (
    <Grid container spacing={2}>
      {[...value.entries()].map(([domain, systems]) => (
        <Grid item xs={12} md={6} lg={4} key={domain}>
          <InfoCard title={domain} subheader="Domain" noPadding={false}>
            <Stack spacing={1.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
              {systems.map(system => (
                <li key={system.ref} data-testid="system-summary">
                  <Stack direction="row" spacing={1} alignItems="center">
                    <EntityRefLink entityRef={system.ref} title={system.title} />
                    <Chip
                      size="small"
                      label={`${system.components} component${system.components === 1 ? '' : 's'}`}
                    />
                  </Stack>
                  {system.description && (
                    <Typography variant="body2" color="text.secondary">
                      {system.description}
                    </Typography>
                  )}
                  {system.owner && (
                    <Typography variant="caption" color="text.secondary">
                      Owner:{' '}
                      <EntityRefLink entityRef={system.owner} />
                    </Typography>
                  )}
                </li>
              ))}
            </Stack>
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}
