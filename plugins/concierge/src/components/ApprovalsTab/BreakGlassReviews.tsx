import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { formatDateTime, formatMinutes, isReviewOverdue } from '../../lib/format';
import { StateChip } from '../StateChip';

/** Props of {@link BreakGlassReviews}. */
export interface BreakGlassReviewsProps {
  items: AccessRequest[];
  busyId?: string;
  onReview: (request: AccessRequest) => void;
  onShowDetails?: (request: AccessRequest) => void;
}

/**
 * Break-glass grants, given without approval, that wait for someone to review them; those past
 * their review time are marked overdue (the backend escalates them once to the reviewers).
 */
export function BreakGlassReviews(props: BreakGlassReviewsProps) {
  const { items, busyId, onReview, onShowDetails } = props;
  return (
    <Table size="small" aria-label="Break-glass grants awaiting review">
      <TableHead>
        <TableRow>
          <TableCell>Requester</TableCell>
          <TableCell>Resource</TableCell>
          <TableCell>Level</TableCell>
          <TableCell>Justification</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Review due</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(request => (
          <TableRow key={request.id} data-testid="review-row">
            <TableCell>
              <EntityRefLink entityRef={request.requester} hideIcon />
            </TableCell>
            <TableCell>
              <EntityRefLink entityRef={request.resourceRef} hideIcon>
                {request.resourceTitle}
              </EntityRefLink>
            </TableCell>
            <TableCell>
              {request.accessLevel}, {formatMinutes(request.durationMinutes)}
            </TableCell>
            <TableCell>
              {request.justification}
              {request.ticket && ` (${request.ticket})`}
            </TableCell>
            <TableCell>
              <StateChip state={request.state} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(request.reviewDueAt)}
              {isReviewOverdue(request) && (
                <Chip size="small" color="error" label="Overdue" sx={{ ml: 1 }} />
              )}
            </TableCell>
            <TableCell align="right">
              <Button
                size="small"
                variant="outlined"
                disabled={busyId === request.id}
                onClick={() => onReview(request)}
              >
                Review
              </Button>
              {onShowDetails && (
                <Button size="small" onClick={() => onShowDetails(request)} sx={{ ml: 1 }}>
                  Details
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
