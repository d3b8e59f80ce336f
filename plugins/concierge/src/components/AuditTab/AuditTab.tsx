import { EmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AuditVerification } from '@souverain/plugin-concierge-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { conciergeApiRef } from '../../api';
import { downloadText } from '../../lib/download';
import { errorMessage } from '../../lib/errors';
import { AuditTable } from './AuditTable';
import { VerifyResultAlert } from './VerifyResultAlert';

/** How many entries a page of the log shows. */
export const AUDIT_PAGE_SIZE = 50;

/** The name of the exported log. */
export const AUDIT_EXPORT_FILE = 'concierge-audit.jsonl';

/** The audit log: verify the hash chain, export it, and page through the latest entries. */
export function AuditTab() {
  const api = useApi(conciergeApiRef);
  // `before` of each page shown so far, to page back towards the newest entries.
  const [newerPages, setNewerPages] = useState<Array<number | undefined>>([]);
  const [before, setBefore] = useState<number>();
  const entries = useAsync(() => api.audit({ limit: AUDIT_PAGE_SIZE, before }), [api, before]);
  const [verification, setVerification] = useState<AuditVerification>();
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [actionError, setActionError] = useState<string>();

  const verify = async () => {
    setVerifying(true);
    setActionError(undefined);
    try {
      setVerification(await api.verify());
    } catch (error) {
      setVerification(undefined);
      setActionError(`The chain could not be verified: ${errorMessage(error)}`);
    } finally {
      setVerifying(false);
    }
  };

  const exportLog = async () => {
    setExporting(true);
    setActionError(undefined);
    try {
      downloadText(AUDIT_EXPORT_FILE, await api.exportLines(), 'application/x-ndjson');
    } catch (error) {
      setActionError(`The log could not be exported: ${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  };

  const items = entries.value?.items ?? [];
  const oldest = items.length ? Math.min(...items.map(e => e.seq)) : undefined;
  const newest = items.length ? Math.max(...items.map(e => e.seq)) : undefined;

  let content;
  if (entries.loading) {
    content = <Progress />;
  } else if (entries.error) {
    content = <ResponseErrorPanel error={entries.error} />;
  } else if (!items.length) {
    content = (
      <EmptyState
        missing="data"
        title="The audit log is empty"
        description="Every request, decision, reveal and revocation is written here."
      />
    );
  } else {
    content = (
      <Paper variant="outlined">
        <AuditTable items={items} />
        <Stack direction="row" alignItems="center" gap={1} sx={{ p: 1.5 }}>
          <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
            Entries #{oldest}–#{newest} of {entries.value?.headSeq}
          </Typography>
          <Button
            size="small"
            disabled={!newerPages.length}
            onClick={() => {
              setBefore(newerPages[newerPages.length - 1]);
              setNewerPages(pages => pages.slice(0, -1));
            }}
          >
            Newer
          </Button>
          <Button
            size="small"
            disabled={oldest === undefined || oldest <= 1}
            onClick={() => {
              setNewerPages(pages => [...pages, before]);
              setBefore(oldest);
            }}
          >
            Older
          </Button>
        </Stack>
      </Paper>
    );
  }

  return (
    <Stack gap={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} gap={1.5} alignItems={{ sm: 'center' }}>
        <Typography variant="body1" sx={{ flexGrow: 1 }}>
          Every step of every request, in a hash chain: changing or removing an entry breaks it.
        </Typography>
        <Button
          variant="contained"
          startIcon={<VerifiedIcon />}
          onClick={verify}
          disabled={verifying}
        >
          {verifying ? 'Verifying…' : 'Verify'}
        </Button>
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          onClick={exportLog}
          disabled={exporting}
        >
          {exporting ? 'Exporting…' : 'Export'}
        </Button>
      </Stack>
      {verification && (
        <VerifyResultAlert result={verification} onClose={() => setVerification(undefined)} />
      )}
      {actionError && (
        <Alert severity="error" onClose={() => setActionError(undefined)}>
          {actionError}
        </Alert>
      )}
      {content}
    </Stack>
  );
}
