import Alert from '@mui/material/Alert';
import { AuditVerification } from '@souverain/plugin-concierge-common';

/** What a verification found, as one sentence. */
export function describeVerification(result: AuditVerification): string {
  const entries = `${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}`;
  if (result.intact) {
    return `Chain intact, ${entries} (verified in ${result.durationMs} ms)`;
  }
  const where = result.firstBadSeq !== undefined ? ` at entry #${result.firstBadSeq}` : '';
  return `Chain broken${where}: ${result.message}`;
}

/** The outcome of verifying the audit chain: green when intact, red when broken. */
export function VerifyResultAlert(props: { result: AuditVerification; onClose?: () => void }) {
  const { result, onClose } = props;
  const severity = result.intact ? 'success' : 'error';
  return (
    <Alert
      severity={severity}
      data-severity={severity}
      variant={result.intact ? 'standard' : 'filled'}
      onClose={onClose}
      aria-label="Verification"
    >
      {describeVerification(result)}
    </Alert>
  );
}
