import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { formatDateTime, formatMinutes } from '../../lib/format';
import { StateChip } from '../StateChip';
import { TimeLeft } from '../TimeLeft';

/** What the requester may do from a row of "My requests". */
export type MyRequestAction = 'reveal' | 'revoke' | 'cancel' | 'retry';

const ROW_ACTIONS: Array<{ action: MyRequestAction; label: string }> = [
  { action: 'reveal', label: 'Reveal' },
  { action: 'retry', label: 'Retry' },
  { action: 'revoke', label: 'Revoke' },
  { action: 'cancel', label: 'Cancel' },
];

/** Props of {@link MyRequestsTable}. */
export interface MyRequestsTableProps {
  items: AccessRequest[];
  /** Requests revealed in this visit, before the list is reloaded. */
  revealedIds: ReadonlySet<string>;
  /** The request an action is running on: its buttons are disabled. */
  busyId?: string;
  onAction: (action: MyRequestAction, request: AccessRequest) => void;
  onShowDetails: (request: AccessRequest) => void;
}

/** The caller's requests: resource, level, state, when asked, time left, and what to do next. */
export function MyRequestsTable(props: MyRequestsTableProps) {
  const { items, revealedIds, busyId, onAction, onShowDetails } = props;
  return (
    <Table aria-label="My requests">
      <TableHead>
        <TableRow>
          <TableCell>Resource</TableCell>
          <TableCell>Level</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Created</TableCell>
          <TableCell>Time left</TableCell>
          <TableCell align="right">Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(request => {
          const revealedAt =
            request.credential?.revealedAt ?? (revealedIds.has(request.id) ? 'now' : undefined);
          const actions = ROW_ACTIONS.filter(
            ({ action }) =>
              request.actions?.includes(action) && !(action === 'reveal' && revealedAt),
          );
          return (
            <TableRow key={request.id} data-testid="request-row" hover>
              <TableCell>
                <EntityRefLink entityRef={request.resourceRef} hideIcon>
                  {request.resourceTitle}
                </EntityRefLink>
              </TableCell>
              <TableCell>
                {request.accessLevel}
                {request.breakGlass && (
                  <Chip
                    size="small"
                    color="error"
                    variant="outlined"
                    label="break glass"
                    sx={{ ml: 1 }}
                  />
                )}
              </TableCell>
              <TableCell>
                <Stack direction="row" gap={1} alignItems="center">
                  <StateChip state={request.state} />
                  {revealedAt && (
                    <Tooltip
                      title={
                        revealedAt === 'now'
                          ? 'The credential was revealed'
                          : `The credential was revealed ${formatDateTime(revealedAt)}`
                      }
                    >
                      <Chip size="small" variant="outlined" label="revealed" />
                    </Tooltip>
                  )}
                </Stack>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(request.createdAt)}
              </TableCell>
              <TableCell>
                {request.state === 'active' && request.expiresAt ? (
                  <TimeLeft expiresAt={request.expiresAt} />
                ) : (
                  <Typography component="span" variant="body2" color="text.secondary">
                    {formatMinutes(request.durationMinutes)} requested
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">
                <Stack direction="row" gap={1} justifyContent="flex-end">
                  {actions.map(({ action, label }) => (
                    <Button
                      key={action}
                      size="small"
                      variant={action === 'reveal' ? 'contained' : 'outlined'}
                      color={action === 'revoke' || action === 'cancel' ? 'error' : 'primary'}
                      disabled={busyId === request.id}
                      onClick={() => onAction(action, request)}
                    >
                      {label}
                    </Button>
                  ))}
                  <Button size="small" onClick={() => onShowDetails(request)}>
                    Details
                  </Button>
                </Stack>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
