import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Alert, { AlertColor } from '@mui/material/Alert';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { describeMissingApprovals } from '../../lib/format';
import { rootRouteRef } from '../../routes';

/** What a new request's state means for its requester, e.g. "Request pending: needs 1 approval". */
export function describeRequestOutcome(request: AccessRequest): {
  severity: AlertColor;
  message: string;
} {
  switch (request.state) {
    case 'pending':
      return { severity: 'info', message: `Request pending: ${describeMissingApprovals(request)}` };
    case 'approved':
      return { severity: 'success', message: 'Request approved: the credential is being issued' };
    case 'active':
      return {
        severity: 'success',
        message: `${
          request.breakGlass ? 'Break-glass access' : 'Access'
        } granted: reveal your credential on the Access page`,
      };
    case 'failed':
      return {
        severity: 'error',
        message: `Request approved, but the credential could not be issued${
          request.failureReason ? `: ${request.failureReason}` : ''
        }`,
      };
    default:
      return { severity: 'warning', message: `Request ${request.state}` };
  }
}

/** Props of {@link RequestOutcomeAlert}. */
export interface RequestOutcomeAlertProps {
  request: AccessRequest;
  onClose?: () => void;
}

/** Where a request just made stands, with a link to follow it on the Access page. */
export function RequestOutcomeAlert(props: RequestOutcomeAlertProps) {
  const { request, onClose } = props;
  const accessLink = useRouteRef(rootRouteRef);
  const { severity, message } = describeRequestOutcome(request);
  return (
    <Alert severity={severity} onClose={onClose} aria-label="Request sent" sx={{ mb: 2 }}>
      {message}. {accessLink && <Link to={accessLink()}>Follow it on the Access page</Link>}
    </Alert>
  );
}
