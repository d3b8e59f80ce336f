import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { countApprovals, formatDateTime, formatMinutes, shortRef } from '../../lib/format';

/** Props of {@link PendingRequestCard}. */
export interface PendingRequestCardProps {
  request: AccessRequest;
  busy?: boolean;
  onApprove: () => void;
  onDeny: () => void;
  onShowDetails?: () => void;
}

/** A request waiting for the caller's decision: who asks for what, why, and the approvals so far. */
export function PendingRequestCard(props: PendingRequestCardProps) {
  const { request, busy = false, onApprove, onDeny, onShowDetails } = props;
  const approvals = countApprovals(request);
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={`Request of ${shortRef(request.requester)} for ${shortRef(request.resourceRef)}`}
    >
      <CardContent>
        <Stack direction="row" flexWrap="wrap" alignItems="center" gap={1} sx={{ mb: 1 }}>
          <Typography variant="subtitle1" component="h3">
            <EntityRefLink entityRef={request.requester} hideIcon /> asks for{' '}
            <strong>{request.accessLevel}</strong> access to{' '}
            <EntityRefLink entityRef={request.resourceRef} hideIcon>
              {request.resourceTitle}
            </EntityRefLink>{' '}
            for {formatMinutes(request.durationMinutes)}
          </Typography>
          {request.breakGlass && <Chip size="small" color="error" label="break glass" />}
          {request.ticket && <Chip size="small" variant="outlined" label={request.ticket} />}
        </Stack>
        <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap', mb: 1 }}>
          {request.justification}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {approvals} of {request.approvalsRequired} approval
          {request.approvalsRequired === 1 ? '' : 's'} · policy {request.policy} · asked{' '}
          {formatDateTime(request.createdAt)}
          {request.pendingUntil && ` · lapses ${formatDateTime(request.pendingUntil)}`}
        </Typography>
        {request.decisions.map(decision => (
          <Typography
            key={`${decision.actor}-${decision.at}`}
            variant="body2"
            color="text.secondary"
          >
            {shortRef(decision.actor)} {decision.decision === 'approve' ? 'approved' : 'denied'}
            {decision.comment && `: “${decision.comment}”`}
          </Typography>
        ))}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button variant="contained" color="success" disabled={busy} onClick={onApprove}>
          Approve
        </Button>
        <Button variant="outlined" color="error" disabled={busy} onClick={onDeny}>
          Deny
        </Button>
        {onShowDetails && <Button onClick={onShowDetails}>Details</Button>}
      </CardActions>
    </Card>
  );
}
