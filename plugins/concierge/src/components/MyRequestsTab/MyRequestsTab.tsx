import { EmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import TablePagination from '@mui/material/TablePagination';
import { AccessRequest, RevealedCredential } from '@souverain/plugin-concierge-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { conciergeApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { CommentDialog } from '../CommentDialog';
import { RevealCredentialDialog } from '../RevealCredentialDialog';
import { MyRequestAction, MyRequestsTable } from './MyRequestsTable';

const PAGE_SIZE = 25;

const DONE: Record<Exclude<MyRequestAction, 'reveal'>, string> = {
  cancel: 'Request cancelled',
  revoke: 'Access revoked',
  retry: 'Issuing the credential again',
};

/** Props of {@link MyRequestsTab}. */
export interface MyRequestsTabProps {
  /** Opens a request's details (timeline, decisions, policy). */
  onShowDetails: (requestId: string) => void;
}

/** "My requests": the caller's requests and grants, with what they may do with each. */
export function MyRequestsTab(props: MyRequestsTabProps) {
  const { onShowDetails } = props;
  const api = useApi(conciergeApiRef);
  const [page, setPage] = useState(0);
  const requests = useAsyncRetry(
    () => api.list({ mine: true, limit: PAGE_SIZE, offset: page * PAGE_SIZE }),
    [api, page],
  );
  const [revealedIds, setRevealedIds] = useState<ReadonlySet<string>>(new Set());
  const [credential, setCredential] = useState<RevealedCredential>();
  const [revoking, setRevoking] = useState<AccessRequest>();
  const [busyId, setBusyId] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const run = async (request: AccessRequest, action: () => Promise<unknown>, done: string) => {
    setBusyId(request.id);
    setNotice(undefined);
    setActionError(undefined);
    try {
      await action();
      setNotice(done);
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusyId(undefined);
      setRevoking(undefined);
      requests.retry();
    }
  };

  const reveal = async (request: AccessRequest) => {
    setBusyId(request.id);
    setNotice(undefined);
    setActionError(undefined);
    try {
      setCredential(await api.reveal(request.id));
      setRevealedIds(ids => new Set(ids).add(request.id));
    } catch (error) {
      setActionError(`The credential could not be revealed: ${errorMessage(error)}`);
    } finally {
      setBusyId(undefined);
    }
  };

  const onAction = (action: MyRequestAction, request: AccessRequest) => {
    switch (action) {
      case 'reveal':
        reveal(request);
        break;
      case 'revoke':
        setRevoking(request);
        break;
      case 'cancel':
        run(request, () => api.cancel(request.id), DONE.cancel);
        break;
      case 'retry':
        run(request, () => api.retry(request.id), DONE.retry);
        break;
      default:
    }
  };

  let content;
  if (requests.loading && !requests.value) {
    content = <Progress />;
  } else if (requests.error) {
    content = <ResponseErrorPanel error={requests.error} />;
  } else if (!requests.value?.items.length && page === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No requests yet"
        description="Open a resource such as acme-payments-db and click Request access."
      />
    );
  } else {
    content = (
      <Paper variant="outlined">
        <MyRequestsTable
          items={requests.value?.items ?? []}
          revealedIds={revealedIds}
          busyId={busyId}
          onAction={onAction}
          onShowDetails={request => onShowDetails(request.id)}
        />
        <TablePagination
          component="div"
          count={requests.value?.totalCount ?? 0}
          page={page}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
          onPageChange={(_e, next) => setPage(next)}
        />
      </Paper>
    );
  }

  return (
    <>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(undefined)} sx={{ mb: 2 }}>
          {notice}
        </Alert>
      )}
      {actionError && (
        <Alert severity="error" onClose={() => setActionError(undefined)} sx={{ mb: 2 }}>
          {actionError}
        </Alert>
      )}
      {content}
      <RevealCredentialDialog
        credential={credential}
        onClose={() => {
          // Forget the secret as soon as the user is done with it.
          setCredential(undefined);
          requests.retry();
        }}
      />
      <CommentDialog
        open={Boolean(revoking)}
        title="Revoke this access?"
        description="The credential stops working now. This cannot be undone."
        commentLabel="Reason"
        confirmLabel="Revoke"
        confirmColor="error"
        busy={Boolean(busyId)}
        onClose={() => setRevoking(undefined)}
        onConfirm={reason =>
          revoking && run(revoking, () => api.revoke(revoking.id, reason), DONE.revoke)
        }
      />
    </>
  );
}
