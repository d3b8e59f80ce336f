import { EmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AccessRequest, ConciergeApi } from '@souverain/plugin-concierge-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { conciergeApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatMinutes, shortRef } from '../../lib/format';
import { CommentDialog } from '../CommentDialog';
import { PendingRequestCard } from '../PendingRequestCard';
import { BreakGlassReviews } from './BreakGlassReviews';

type Decision = 'approve' | 'deny' | 'review';

const DIALOGS: Record<
  Decision,
  {
    title: string;
    confirmLabel: string;
    commentRequired: boolean;
    color: 'success' | 'error' | 'primary';
    done: string;
  }
> = {
  approve: {
    title: 'Approve this request?',
    confirmLabel: 'Approve',
    commentRequired: false,
    color: 'success',
    done: 'Approved',
  },
  deny: {
    title: 'Deny this request?',
    confirmLabel: 'Deny',
    commentRequired: true,
    color: 'error',
    done: 'Denied',
  },
  review: {
    title: 'Review this break-glass grant',
    confirmLabel: 'Mark reviewed',
    commentRequired: true,
    color: 'primary',
    done: 'Reviewed',
  },
};

/** Where break-glass grants may be waiting for review: the API has no filter for them. */
function decide(api: ConciergeApi, decision: Decision, id: string, comment: string | undefined) {
  switch (decision) {
    case 'approve':
      return api.approve(id, comment);
    case 'deny':
      return api.deny(id, comment ?? '');
    default:
      return api.review(id, comment ?? '');
  }
}

function describeRequest(request: AccessRequest): string {
  return `${shortRef(request.requester)}: ${request.accessLevel} access to ${
    request.resourceTitle ?? shortRef(request.resourceRef)
  } for ${formatMinutes(request.durationMinutes)}`;
}

/** Props of {@link ApprovalsTab}. */
export interface ApprovalsTabProps {
  /** Opens a request's details (timeline, decisions, policy). */
  onShowDetails?: (requestId: string) => void;
}

/** The approvals inbox: requests waiting for the caller's decision, and break-glass reviews. */
export function ApprovalsTab(props: ApprovalsTabProps) {
  const { onShowDetails } = props;
  const api = useApi(conciergeApiRef);
  const inbox = useAsyncRetry(() => api.list({ inbox: true }), [api]);
  const reviews = useAsyncRetry(async () => (await api.list({ review: true })).items, [api]);
  const [deciding, setDeciding] = useState<{ decision: Decision; request: AccessRequest }>();
  const [busyId, setBusyId] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [decisionError, setDecisionError] = useState<string>();

  const confirm = async (comment: string | undefined) => {
    if (!deciding) return;
    const { decision, request } = deciding;
    setBusyId(request.id);
    setNotice(undefined);
    setDecisionError(undefined);
    try {
      await decide(api, decision, request.id, comment);
      setNotice(`${DIALOGS[decision].done}: ${describeRequest(request)}`);
    } catch (error) {
      setDecisionError(errorMessage(error));
    } finally {
      setBusyId(undefined);
      setDeciding(undefined);
      // Also after an error: someone else may have decided in the meantime.
      inbox.retry();
      reviews.retry();
    }
  };

  let pending;
  if (inbox.loading && !inbox.value) {
    pending = <Progress />;
  } else if (inbox.error) {
    pending = <ResponseErrorPanel error={inbox.error} />;
  } else if (!inbox.value?.items.length) {
    pending = (
      <EmptyState
        missing="content"
        title="Nothing to approve"
        description="Requests you may approve or deny show up here."
      />
    );
  } else {
    pending = (
      <Stack gap={2}>
        {inbox.value.items.map(request => (
          <PendingRequestCard
            key={request.id}
            request={request}
            busy={busyId === request.id}
            onApprove={() => setDeciding({ decision: 'approve', request })}
            onDeny={() => setDeciding({ decision: 'deny', request })}
            onShowDetails={onShowDetails && (() => onShowDetails(request.id))}
          />
        ))}
      </Stack>
    );
  }

  const dialog = deciding ? DIALOGS[deciding.decision] : undefined;
  return (
    <Stack gap={3}>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      {decisionError && (
        <Alert
          severity="error"
          onClose={() => setDecisionError(undefined)}
          aria-label="Decision failed"
        >
          {decisionError}
        </Alert>
      )}
      <section aria-label="Waiting for your decision">
        <Typography variant="h6" component="h2" gutterBottom>
          Waiting for your decision
        </Typography>
        {pending}
      </section>
      {reviews.error && (
        <Alert severity="warning">
          Break-glass grants to review could not be loaded: {errorMessage(reviews.error)}
        </Alert>
      )}
      {reviews.value && reviews.value.length > 0 && (
        <section aria-label="Break-glass grants awaiting review">
          <Typography variant="h6" component="h2" gutterBottom>
            Break-glass grants awaiting review
          </Typography>
          <Paper variant="outlined">
            <BreakGlassReviews
              items={reviews.value}
              busyId={busyId}
              onReview={request => setDeciding({ decision: 'review', request })}
              onShowDetails={onShowDetails && (request => onShowDetails(request.id))}
            />
          </Paper>
        </section>
      )}
      <CommentDialog
        open={Boolean(deciding)}
        title={dialog?.title ?? ''}
        description={deciding && describeRequest(deciding.request)}
        commentRequired={dialog?.commentRequired}
        confirmLabel={dialog?.confirmLabel ?? ''}
        confirmColor={dialog?.color}
        busy={Boolean(busyId)}
        onClose={() => setDeciding(undefined)}
        onConfirm={confirm}
      />
    </Stack>
  );
}
