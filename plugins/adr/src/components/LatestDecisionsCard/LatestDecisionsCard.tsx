import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { adrApiRef } from '../../api';
import { recordRouteRef } from '../../routes';
import { formatAdrNumber } from '../../lib/format';
import { StatusChip } from '../StatusChip';

/** The five latest decisions of an entity, on its overview. */
export function LatestDecisionsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(adrApiRef);
  const recordLink = useRouteRef(recordRouteRef);
  const entityLink = useEntityRefLink();
  const latest = useAsync(
    () => api.list({ entityRef: [entityRef], sort: 'date', order: 'desc', limit: 5 }),
    [api, entityRef],
  );

  let content;
  if (latest.loading) {
    content = <Progress />;
  } else if (latest.error) {
    content = <ResponseErrorPanel error={latest.error} />;
  } else if (!latest.value?.items.length) {
    content = <Typography color="text.secondary">No decision recorded yet.</Typography>;
  } else {
    content = (
      <List dense disablePadding>
        {latest.value.items.map(item => (
          <ListItem key={item.id} disableGutters sx={{ gap: 1.5, alignItems: 'flex-start' }}>
            <Box sx={{ minWidth: 96, pt: 0.25 }}>
              <StatusChip status={item.status} statusRaw={item.statusRaw} />
            </Box>
            <ListItemText
              sx={{ m: 0 }}
              primary={
                recordLink ? (
                  <Link to={recordLink({ id: item.id })}>
                    {[formatAdrNumber(item.number), item.title].filter(Boolean).join(': ')}
                  </Link>
                ) : (
                  item.title
                )
              }
              secondary={item.date ?? undefined}
            />
          </ListItem>
        ))}
      </List>
    );
  }

  const total = latest.value?.totalCount ?? 0;
  return (
    <InfoCard
      title="Latest decisions"
      deepLink={{
        title: total > 5 ? `All ${total} decisions` : 'All decisions',
        link: `${entityLink(entity)}/decisions`,
      }}
    >
      {content}
    </InfoCard>
  );
}
