import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { RevealedCredential } from '@souverain/plugin-concierge-common';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { TimeLeft } from '../TimeLeft';

/** Props of {@link RevealCredentialDialog}. */
export interface RevealCredentialDialogProps {
  /** The credential just revealed; undefined closes the dialog. */
  credential?: RevealedCredential;
  onClose: () => void;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** The copy button of the secret, saying whether the copy worked. */
function CopySecretButton(props: { secret: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <Stack direction="row" alignItems="center" gap={1.5}>
      <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={copy}>
        Copy
      </Button>
      <Typography
        variant="body2"
        role="status"
        color={state === 'failed' ? 'error' : 'success.main'}
      >
        {state === 'copied' && 'Copied to the clipboard'}
        {state === 'failed' && 'Could not copy: select the text and copy it yourself'}
      </Typography>
    </Stack>
  );
}

/** The secret of a grant, shown this one time, with what is needed to use it. */
export function RevealCredentialDialog(props: RevealCredentialDialogProps) {
  const { credential, onClose } = props;
  return (
    // Escape and clicks outside do not close it: the secret cannot be shown again.
    <Dialog
      open={Boolean(credential)}
      fullWidth
      maxWidth="sm"
      aria-labelledby="concierge-reveal-title"
    >
      {credential && (
        <>
          <DialogTitle id="concierge-reveal-title">Your credential</DialogTitle>
          <DialogContent>
            <Stack gap={2}>
              <Alert severity="warning">
                This is the only time the secret is shown. Copy it now: it will not be shown again.
              </Alert>
              <TextField
                label={credential.kind}
                value={credential.secret}
                multiline
                fullWidth
                InputProps={{ readOnly: true, sx: { fontFamily: 'monospace' } }}
                onFocus={e => e.target.select()}
              />
              <CopySecretButton secret={credential.secret} />
              {Object.keys(credential.details).length > 0 && (
                <Box
                  component="dl"
                  aria-label="Credential details"
                  sx={{
                    display: 'grid',
                    gridTemplateColumns: 'max-content 1fr',
                    gap: 0.5,
                    columnGap: 2,
                    m: 0,
                  }}
                >
                  {Object.entries(credential.details).map(([name, value]) => (
                    <Box key={name} sx={{ display: 'contents' }}>
                      <Typography component="dt" variant="body2" color="text.secondary">
                        {name}
                      </Typography>
                      <Typography
                        component="dd"
                        variant="body2"
                        sx={{ m: 0, fontFamily: 'monospace' }}
                      >
                        {value}
                      </Typography>
                    </Box>
                  ))}
                </Box>
              )}
              <Typography variant="body2">
                From {credential.provider}. Expires {formatDateTime(credential.expiresAt)} (
                <TimeLeft expiresAt={credential.expiresAt} />
                ).
              </Typography>
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={onClose}>
              I have saved it
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
