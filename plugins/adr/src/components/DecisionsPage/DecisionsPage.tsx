import { Content } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { AdrRefreshSummary } from '@souverain/plugin-adr-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { adrApiRef } from '../../api';
import { describeRefresh, formatRelativeTime } from '../../lib/format';
import { DecisionsExplorer } from '../DecisionsExplorer';
import { RefreshIndexButton } from '../RefreshIndexButton';

/** The Decisions page: every decision record of the catalog, searchable and filtered. */
export function DecisionsPage() {
  const api = useApi(adrApiRef);
  const [reloadKey, setReloadKey] = useState(0);
  const [refreshed, setRefreshed] = useState<AdrRefreshSummary>();
  const [refreshError, setRefreshError] = useState<Error>();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stats = useAsyncRetry(() => api.stats(), [api, reloadKey]);
  const last = stats.value?.lastRefresh;

  return (
    <Content>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        alignItems={{ sm: 'center' }}
        gap={2}
        sx={{ mb: 3 }}
      >
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="body1">
            Architecture decision records of every system, domain and component in the catalog.
          </Typography>
          {stats.value && (
            <Typography variant="body2" color="text.secondary">
              {stats.value.total} record{stats.value.total === 1 ? '' : 's'} indexed
              {last && (
                <>
                  {' · '}
                  <Tooltip title={new Date(last.finishedAt).toLocaleString()}>
                    <span>last refreshed {formatRelativeTime(last.finishedAt)}</span>
                  </Tooltip>
                </>
              )}
              {stats.value.problems > 0 &&
                ` · ${stats.value.problems} file${stats.value.problems === 1 ? '' : 's'} with problems`}
            </Typography>
          )}
        </Box>
        <RefreshIndexButton
          onRefreshed={summary => {
            setRefreshError(undefined);
            setRefreshed(summary);
            setReloadKey(k => k + 1);
          }}
          onError={error => {
            setRefreshed(undefined);
            setRefreshError(error);
          }}
        />
      </Stack>
      {refreshed && (
        <Alert severity="success" onClose={() => setRefreshed(undefined)} sx={{ mb: 2 }}>
          Index refreshed. {describeRefresh(refreshed)}
        </Alert>
      )}
      {refreshError && (
        <Alert severity="error" onClose={() => setRefreshError(undefined)} sx={{ mb: 2 }}>
          The index could not be refreshed: {refreshError.message}
        </Alert>
      )}
      {stats.error && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          Filter counts are unavailable: {stats.error.message}
        </Alert>
      )}
      <DecisionsExplorer stats={stats.value} reloadKey={reloadKey} />
    </Content>
  );
}
