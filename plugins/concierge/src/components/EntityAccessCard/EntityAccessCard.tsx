import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { conciergeApiRef, saveActingUser } from '../../api';
import { errorMessage, isForbidden } from '../../lib/errors';
import { rootRouteRef } from '../../routes';
import { RequestAccessDialog } from '../RequestAccessDialog';
import { RequestOutcomeAlert } from '../RequestOutcomeAlert';
import { TimeLeft } from '../TimeLeft';

/** Who holds access to a resource right now. */
function ActiveGrantsList(props: { grants: AccessRequest[] }) {
  return (
    <List dense disablePadding aria-label="Active grants">
      {props.grants.map(grant => (
        <ListItem key={grant.id} disableGutters sx={{ gap: 1.5 }}>
          <ListItemText
            sx={{ m: 0 }}
            primary={<EntityRefLink entityRef={grant.requester} hideIcon />}
            secondary={grant.breakGlass ? 'break glass' : undefined}
          />
          <Chip size="small" variant="outlined" label={grant.accessLevel} />
          {grant.expiresAt && <TimeLeft expiresAt={grant.expiresAt} />}
        </ListItem>
      ))}
    </List>
  );
}

/** The "Access" card of a Resource: the active grants on it and a "Request access" button. */
export function EntityAccessCard() {
  const { entity } = useEntity();
  const resourceRef = stringifyEntityRef(entity);
  const api = useApi(conciergeApiRef);
  const accessLink = useRouteRef(rootRouteRef);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [created, setCreated] = useState<AccessRequest>();
  const grants = useAsyncRetry(async () => {
    const [list, identity] = await Promise.all([
      api.list({ resourceRef, state: ['active'] }),
      // Only to grey out the button: the backend checks the permission anyway.
      api.whoami().catch(() => undefined),
    ]);
    return { items: list.items, mayRequest: identity?.permissions.create ?? true };
  }, [api, resourceRef]);
  const mayRequest = grants.value?.mayRequest ?? true;

  let content;
  if (grants.loading && !grants.value) {
    content = <Progress />;
  } else if (grants.error && isForbidden(grants.error) && api.getActingUser()) {
    content = (
      <Alert
        severity="warning"
        action={
          <Button
            color="inherit"
            size="small"
            onClick={() => {
              api.setActingUser(undefined);
              saveActingUser(undefined);
              grants.retry();
            }}
          >
            Act as yourself
          </Button>
        }
      >
        {errorMessage(grants.error)}
      </Alert>
    );
  } else if (grants.error) {
    content = <ResponseErrorPanel error={grants.error} />;
  } else if (!grants.value?.items.length) {
    content = <Typography color="text.secondary">No one has access right now.</Typography>;
  } else {
    content = <ActiveGrantsList grants={grants.value.items} />;
  }

  return (
    <InfoCard
      title="Access"
      subheader="Time-bound, approved and audited access to this resource"
      deepLink={accessLink ? { title: 'My requests and approvals', link: accessLink() } : undefined}
    >
      {created && <RequestOutcomeAlert request={created} onClose={() => setCreated(undefined)} />}
      {content}
      <Box sx={{ mt: 2 }}>
        <Button
          variant="contained"
          startIcon={<VpnKeyIcon />}
          onClick={() => setDialogOpen(true)}
          disabled={!mayRequest}
        >
          Request access
        </Button>
        {!mayRequest && (
          <Typography variant="caption" color="text.secondary" sx={{ ml: 1.5 }}>
            You are not allowed to request access.
          </Typography>
        )}
      </Box>
      <RequestAccessDialog
        open={dialogOpen}
        resourceRef={resourceRef}
        resourceTitle={entity.metadata.title}
        onClose={() => setDialogOpen(false)}
        onCreated={request => {
          setDialogOpen(false);
          setCreated(request);
          grants.retry();
        }}
      />
    </InfoCard>
  );
}
