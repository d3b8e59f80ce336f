import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AdrIndexProblem } from '@souverain/plugin-adr-common';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { adrApiRef } from '../api';
import { RefreshIndexButton } from './DecisionsPage';
import { DecisionsExplorer } from './DecisionsExplorer';
import { describeRefresh, formatRelativeTime } from './format';

/** The scaffolder template that records a new decision for an entity. */
export function newDecisionUrl(entityRef: string): string {
  return `/create/templates/default/new-decision-record?formData=${encodeURIComponent(
    JSON.stringify({ entity: entityRef }),
  )}`;
}

/** Files of the entity's ADR folder that could not be read, shown to its owners. */
export function ProblemsPanel(props: { problems: AdrIndexProblem[] }) {
  const { problems } = props;
  if (problems.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 3 }} aria-label="Problems in the decision records">
      <AlertTitle>
        {problems.length} problem{problems.length === 1 ? '' : 's'} in the decision records
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {problems.map((problem, i) => (
          <li key={i}>
            {problem.path && (
              <>
                {problem.url && /^https?:\/\//i.test(problem.url) ? (
                  <Link to={problem.url}>{problem.path}</Link>
                ) : (
                  <code>{problem.path}</code>
                )}
                {': '}
              </>
            )}
            {problem.message}
          </li>
        ))}
      </Box>
    </Alert>
  );
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
