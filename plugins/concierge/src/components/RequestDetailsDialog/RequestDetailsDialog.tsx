import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { conciergeApiRef } from '../../api';
import {
  countApprovals,
  formatAlternatives,
  formatDateTime,
  formatMinutes,
  isReviewOverdue,
  shortRef,
} from '../../lib/format';
import { StateChip } from '../StateChip';

/** Props of {@link RequestDetailsDialog}. */
export interface RequestDetailsDialogProps {
  /** The id of the request to show; undefined closes the dialog. */
  requestId?: string;
  onClose: () => void;
}

function Facts(props: { facts: Array<[string, ReactNode]> }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {props.facts.map(([name, value]) => (
        <Box key={name} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {name}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={props.title}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function RequestDetails(props: { request: AccessRequest }) {
  const { request } = props;
  const facts: Array<[string, ReactNode]> = [
    ['Resource', <EntityRefLink entityRef={request.resourceRef} hideIcon />],
    ['Requester', <EntityRefLink entityRef={request.requester} hideIcon />],
    ['Level', request.accessLevel],
    ['Duration', formatMinutes(request.durationMinutes)],
    ['Justification', request.justification],
  ];
  if (request.ticket) facts.push(['Ticket', request.ticket]);
  if (request.breakGlass) facts.push(['Break glass', 'yes: granted at once, reviewed afterwards']);
  facts.push([
    'Policy',
    `${request.policy}: ${countApprovals(request)} of ${request.approvalsRequired} approval${
      request.approvalsRequired === 1 ? '' : 's'
    }${request.approverGroups.length ? ` from ${formatAlternatives(request.approverGroups)}` : ''}`,
  ]);
  if (request.expiresAt) facts.push(['Ends', formatDateTime(request.expiresAt)]);
  if (request.reviewDueAt) {
    facts.push([
      'Review',
      request.reviewedAt
        ? `reviewed ${formatDateTime(request.reviewedAt)}${
            request.reviewedBy ? ` by ${shortRef(request.reviewedBy)}` : ''
          }`
        : `${isReviewOverdue(request) ? 'overdue: was due' : 'due'} by ${formatDateTime(request.reviewDueAt)}`,
    ]);
  }
  if (request.credential) {
    const { credential } = request;
    facts.push([
      'Credential',
      [
        credential.kind ?? credential.provider,
        credential.reference,
        credential.revealedAt ? `revealed ${formatDateTime(credential.revealedAt)}` : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
    ]);
  }

  return (
    <Stack gap={2.5}>
      {request.failureReason && (
        <Alert severity="error" aria-label="Failure reason">
          {request.failureReason}
        </Alert>
      )}
      <Facts facts={facts} />
      <Section title="Decisions">
        {request.decisions.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No decision yet.
          </Typography>
        ) : (
          <List dense disablePadding>
            {request.decisions.map(decision => (
              <ListItem key={`${decision.actor}-${decision.at}`} disableGutters>
                <ListItemText
                  primary={`${shortRef(decision.actor)} ${
                    decision.decision === 'approve' ? 'approved' : 'denied'
                  }${decision.comment ? `: “${decision.comment}”` : ''}`}
                  secondary={formatDateTime(decision.at)}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Section>
      <Section title="Timeline">
        <List dense disablePadding aria-label="Timeline">
          {request.transitions.map((transition, index) => (
            <ListItem key={index} disableGutters sx={{ gap: 1.5, alignItems: 'flex-start' }}>
              <Box sx={{ minWidth: 92, pt: 0.5 }}>
                <StateChip state={transition.to} />
              </Box>
              <ListItemText
                sx={{ m: 0 }}
                primary={`${formatDateTime(transition.at)} by ${shortRef(transition.actor)}`}
                secondary={transition.reason}
              />
            </ListItem>
          ))}
        </List>
      </Section>
    </Stack>
  );
}

/** The request of the dialog, loaded in full: lists leave the timeline out. */
function LoadedRequestDetails(props: { requestId: string; onClose: () => void }) {
  const { requestId, onClose } = props;
  const api = useApi(conciergeApiRef);
  const loaded = useAsync(() => api.get(requestId), [api, requestId]);
  const request = loaded.value;
  let content;
  if (loaded.loading) {
    content = <Progress />;
  } else if (loaded.error || !request) {
    content = <ResponseErrorPanel error={loaded.error ?? new Error('Request not found')} />;
  } else {
    content = <RequestDetails request={request} />;
  }
  return (
    <>
      <DialogTitle id="concierge-details-title">
        {request ? (
          <Stack direction="row" alignItems="center" gap={1.5}>
            <span>
              {request.accessLevel} access to{' '}
              {request.resourceTitle ?? shortRef(request.resourceRef)}
            </span>
            <StateChip state={request.state} />
          </Stack>
        ) : (
          'Access request'
        )}
      </DialogTitle>
      <DialogContent dividers>{content}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </>
  );
}

/** One request in full: what was asked, the policy, the decisions and the timeline. */
export function RequestDetailsDialog(props: RequestDetailsDialogProps) {
  const { requestId, onClose } = props;
  return (
    <Dialog
      open={Boolean(requestId)}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="concierge-details-title"
    >
      {requestId && <LoadedRequestDetails requestId={requestId} onClose={onClose} />}
    </Dialog>
  );
}
