import { Content, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { ConciergeIdentity } from '@souverain/plugin-concierge-common';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { conciergeApiRef, saveActingUser } from '../../api';
import { isForbidden } from '../../lib/errors';
import { shortRef } from '../../lib/format';
import { ActingUserSelect } from '../ActingUserSelect';
import { ApprovalsTab } from '../ApprovalsTab';
import { AuditTab } from '../AuditTab';
import { MyRequestsTab } from '../MyRequestsTab';
import { RequestDetailsDialog } from '../RequestDetailsDialog';

type TabId = 'mine' | 'approvals' | 'audit';

function tabsFor(identity: ConciergeIdentity): Array<{ id: TabId; label: string }> {
  return [
    { id: 'mine', label: 'My requests' },
    { id: 'approvals', label: 'Approvals' },
    ...(identity.permissions.auditRead ? [{ id: 'audit' as const, label: 'Audit log' }] : []),
  ];
}

/** Who the page acts for, and the demo switcher when the backend offers demo users. */
function IdentityBar(props: {
  identity: ConciergeIdentity;
  actingUser?: string;
  onActAs: (userEntityRef: string | undefined) => void;
}) {
  const { identity, actingUser, onActAs } = props;
  const actingAsOther = identity.userEntityRef !== identity.signedInAs;
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      alignItems={{ sm: 'center' }}
      gap={2}
      sx={{ mb: 2 }}
    >
      <Box sx={{ flexGrow: 1 }}>
        <Typography variant="body1">
          Time-bound access to privileged resources: ask, get approved, reveal the credential once.
        </Typography>
        <Typography variant="body2" color="text.secondary" aria-label="Identity">
          {actingAsOther
            ? `Acting as ${shortRef(identity.userEntityRef)}, signed in as ${shortRef(
                identity.signedInAs,
              )}`
            : `Signed in as ${shortRef(identity.signedInAs)}`}
          {identity.groups.length > 0 && ` · member of ${identity.groups.map(shortRef).join(', ')}`}
        </Typography>
      </Box>
      <ActingUserSelect identity={identity} actingUser={actingUser} onChange={onActAs} />
    </Stack>
  );
}

/** The Access page: my requests, the approvals inbox and, for auditors, the audit log. */
export function AccessPage() {
  const api = useApi(conciergeApiRef);
  // Bumped when the acting user changes: every tab then loads its data afresh.
  const [reloadKey, setReloadKey] = useState(0);
  // Tagged with the reload it answers: on the render that bumps the key, the previous answer
  // must not mount the tabs once more for nothing.
  const loaded = useAsync(
    async () => ({ reloadKey, identity: await api.whoami() }),
    [api, reloadKey],
  );
  const identity = loaded.value?.reloadKey === reloadKey ? loaded.value.identity : undefined;
  const [searchParams, setSearchParams] = useSearchParams();
  const actingUser = api.getActingUser();

  const actAs = (userEntityRef: string | undefined) => {
    api.setActingUser(userEntityRef);
    saveActingUser(userEntityRef);
    setReloadKey(key => key + 1);
  };

  // A demo user remembered from a local run means nothing once the backend offers none, and
  // the backend refuses to act as one it does not know: act as the signed-in user again.
  const dropActingUser =
    Boolean(actingUser) &&
    (isForbidden(loaded.error) || (identity !== undefined && !identity.demoUsers?.length));
  useEffect(() => {
    if (dropActingUser) actAs(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dropActingUser]);

  const requestId = searchParams.get('request') ?? undefined;
  const showDetails = (id: string) =>
    setSearchParams(params => {
      const next = new URLSearchParams(params);
      next.set('request', id);
      return next;
    });
  const closeDetails = () =>
    setSearchParams(
      params => {
        const next = new URLSearchParams(params);
        next.delete('request');
        return next;
      },
      { replace: true },
    );

  if (loaded.error && !dropActingUser) {
    return (
      <Content>
        <ResponseErrorPanel error={loaded.error} />
      </Content>
    );
  }
  if (!identity) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  const tabs = tabsFor(identity);
  const requested = searchParams.get('tab');
  const tab = tabs.find(t => t.id === requested)?.id ?? 'mine';
  return (
    <Content>
      <IdentityBar identity={identity} actingUser={actingUser} onActAs={actAs} />
      <Tabs
        value={tab}
        onChange={(_e, next: TabId) =>
          setSearchParams(next === 'mine' ? {} : { tab: next }, { replace: true })
        }
        sx={{ mb: 3, borderBottom: 1, borderColor: 'divider' }}
      >
        {tabs.map(t => (
          <Tab key={t.id} value={t.id} label={t.label} />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        aria-label={tabs.find(t => t.id === tab)?.label}
        key={`${tab}-${reloadKey}`}
      >
        {tab === 'mine' && <MyRequestsTab onShowDetails={showDetails} />}
        {tab === 'approvals' && <ApprovalsTab onShowDetails={showDetails} />}
        {tab === 'audit' && <AuditTab />}
      </Box>
      {/* Notifications link to /access?request=<id>: the request opens on any tab. */}
      <RequestDetailsDialog requestId={requestId} onClose={closeDetails} />
    </Content>
  );
}
