import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { AccessPreview } from '@souverain/plugin-concierge-common';
import { errorMessage } from '../../lib/errors';
import { describePreview } from '../../lib/format';

/** Props of {@link PolicyPreview}. */
export interface PolicyPreviewProps {
  preview?: AccessPreview;
  loading: boolean;
  error?: Error;
}

/** What the access policy says about the chosen level, before the user asks. */
export function PolicyPreview(props: PolicyPreviewProps) {
  const { preview, loading, error } = props;
  if (loading) {
    return (
      <Stack direction="row" gap={1} alignItems="center" role="status">
        <CircularProgress size={16} />
        <Typography variant="body2">Checking the access policy…</Typography>
      </Stack>
    );
  }
  if (error) {
    return (
      <Alert severity="warning" aria-label="Access policy">
        <AlertTitle>The access policy could not be checked</AlertTitle>
        {errorMessage(error)}
      </Alert>
    );
  }
  if (!preview) return null;
  return (
    <Alert severity="info" aria-label="Access policy">
      <AlertTitle>{describePreview(preview)}</AlertTitle>
      Policy <strong>{preview.policy}</strong>, credential from {preview.provider}.
    </Alert>
  );
}
