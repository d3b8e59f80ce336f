import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { adrApiRef } from '../../api';
import { describeRefresh, formatRelativeTime } from '../../lib/format';
import { DecisionsExplorer } from '../DecisionsExplorer';
import { RefreshIndexButton } from '../RefreshIndexButton';
import { ProblemsPanel } from './ProblemsPanel';

/** The scaffolder template that records a new decision for an entity. */
export function newDecisionUrl(entityRef: string): string {
  return `/create/templates/default/new-decision-record?formData=${encodeURIComponent(
    JSON.stringify({ entity: entityRef }),
  )}`;
}

/** The "Decisions" tab of a component, system or domain. */
export function EntityDecisionsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(adrApiRef);
  const [reloadKey, setReloadKey] = useState(0);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string }>();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stats = useAsyncRetry(() => api.stats({ entityRef }), [api, entityRef, reloadKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const problems = useAsyncRetry(() => api.problems({ entityRef }), [api, entityRef, reloadKey]);
  const last = stats.value?.lastRefresh;

  return (
    <Box>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        alignItems={{ sm: 'center' }}
        gap={2}
        sx={{ mb: 2 }}
      >
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5" component="h2">
            Decisions
          </Typography>
          {last && (
            <Typography variant="body2" color="text.secondary">
              Index last refreshed {formatRelativeTime(last.finishedAt)}
            </Typography>
          )}
        </Box>
        <RefreshIndexButton
          entityRef={entityRef}
          onRefreshed={summary => {
            setMessage({ severity: 'success', text: `Index refreshed. ${describeRefresh(summary)}` });
            setReloadKey(k => k + 1);
          }}
          onError={error =>
            setMessage({ severity: 'error', text: `The index could not be refreshed: ${error.message}` })
          }
        />
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          component={RouterLink}
          to={newDecisionUrl(entityRef)}
        >
          Record a decision
        </Button>
      </Stack>
      {message && (
        <Alert severity={message.severity} onClose={() => setMessage(undefined)} sx={{ mb: 2 }}>
          {message.text}
        </Alert>
      )}
      {problems.value && <ProblemsPanel problems={problems.value.items} />}
      {problems.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          Problems of this entity's records could not be loaded: {problems.error.message}
        </Alert>
      )}
      <DecisionsExplorer entityRef={entityRef} stats={stats.value} reloadKey={reloadKey} />
    </Box>
  );
}
