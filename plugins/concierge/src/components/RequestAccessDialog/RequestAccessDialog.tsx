import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import {
  ACCESS_LEVELS,
  AccessLevel,
  AccessRequest,
  CreateAccessRequest,
  JUSTIFICATION_MIN_LENGTH,
} from '@souverain/plugin-concierge-common';
import { FormEvent, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { conciergeApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { formatMinutes, shortRef } from '../../lib/format';
import { DEFAULT_DURATION, durationChoices, effectiveDuration } from './durations';
import { PolicyPreview } from './PolicyPreview';

/** Props of {@link RequestAccessDialog}. */
export interface RequestAccessDialogProps {
  open: boolean;
  /** The Resource asked for, e.g. `resource:default/acme-payments-db`. */
  resourceRef: string;
  resourceTitle?: string;
  onClose: () => void;
  /** Called with the new request once the backend accepted it. */
  onCreated: (request: AccessRequest) => void;
}

/** The backend refuses shorter justifications. */

const LEVEL_LABELS: Record<AccessLevel, string> = {
  read: 'Read',
  write: 'Write',
  admin: 'Admin',
};

/** The "Request access" form of a resource, checking the access policy as the level changes. */
export function RequestAccessDialog(props: RequestAccessDialogProps) {
  const { open, onClose } = props;
  // One idempotency key per opening: a double click or a retry after a lost answer sends the
  // same key, so the backend creates one request. The form's state starts afresh with it.
  const [opening, setOpening] = useState(() => (open ? newIdempotencyKey() : undefined));
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setOpening(newIdempotencyKey());
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="concierge-request-title"
    >
      {opening && <RequestAccessForm key={opening} idempotencyKey={opening} {...props} />}
    </Dialog>
  );
}

function RequestAccessForm(props: RequestAccessDialogProps & { idempotencyKey: string }) {
  const { resourceRef, resourceTitle, idempotencyKey, onClose, onCreated } = props;
  const api = useApi(conciergeApiRef);
  const [accessLevel, setAccessLevel] = useState<AccessLevel>('read');
  const [chosenDuration, setChosenDuration] = useState(DEFAULT_DURATION);
  const [justification, setJustification] = useState('');
  const [ticket, setTicket] = useState('');
  const [breakGlassChecked, setBreakGlassChecked] = useState(false);
  const [justificationMissing, setJustificationMissing] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>();
  // State updates land after the second click of a double click; the ref does not.
  const inFlight = useRef(false);

  const preview = useAsync(
    () => api.preview(resourceRef, accessLevel),
    [api, resourceRef, accessLevel],
  );
  const policy = preview.loading ? undefined : preview.value;
  const breakGlass = breakGlassChecked && Boolean(policy?.breakGlassAllowed);
  const maxMinutes = breakGlass ? policy?.breakGlassMaxMinutes : policy?.maxDurationMinutes;
  const choices = durationChoices(maxMinutes);
  const durationMinutes = effectiveDuration(chosenDuration, choices);
  const hasLonger = choices.some(c => c.disabled);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current || !policy) return;
    if (justification.trim().length < JUSTIFICATION_MIN_LENGTH) {
      setJustificationMissing(true);
      return;
    }
    const body: CreateAccessRequest = {
      resourceRef,
      accessLevel,
      durationMinutes,
      justification: justification.trim(),
      ticket: ticket.trim() || undefined,
      breakGlass,
    };
    inFlight.current = true;
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const created = await api.create(body, { idempotencyKey });
      onCreated(created);
    } catch (error) {
      setSubmitError(error);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id="concierge-request-title">
        Request access to {resourceTitle ?? shortRef(resourceRef)}
      </DialogTitle>
      <DialogContent>
        <Stack gap={2.5} sx={{ pt: 1 }}>
          <FormControl>
            <FormLabel id="concierge-level-label">Access level</FormLabel>
            <RadioGroup
              row
              aria-labelledby="concierge-level-label"
              value={accessLevel}
              onChange={e => setAccessLevel(e.target.value as AccessLevel)}
            >
              {ACCESS_LEVELS.map(level => (
                <FormControlLabel
                  key={level}
                  value={level}
                  control={<Radio />}
                  label={LEVEL_LABELS[level]}
                />
              ))}
            </RadioGroup>
          </FormControl>

          <PolicyPreview preview={policy} loading={preview.loading} error={preview.error} />

          <FormControl>
            <FormLabel id="concierge-duration-label">Duration</FormLabel>
            <ToggleButtonGroup
              exclusive
              size="small"
              color="primary"
              aria-labelledby="concierge-duration-label"
              value={durationMinutes}
              onChange={(_e, value: number | null) => value !== null && setChosenDuration(value)}
              sx={{ mt: 1, flexWrap: 'wrap' }}
            >
              {choices.map(choice => (
                <ToggleButton
                  key={choice.minutes}
                  value={choice.minutes}
                  disabled={choice.disabled}
                  sx={{ px: 2 }}
                >
                  {formatMinutes(choice.minutes)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            {hasLonger && maxMinutes !== undefined && (
              <FormHelperText>
                Longer durations are over the {breakGlass ? 'break-glass ' : ''}maximum of{' '}
                {formatMinutes(maxMinutes)}.
              </FormHelperText>
            )}
          </FormControl>

          <TextField
            label="Justification"
            required
            multiline
            minRows={3}
            value={justification}
            onChange={e => {
              setJustification(e.target.value);
              if (e.target.value.trim().length >= JUSTIFICATION_MIN_LENGTH) {
                setJustificationMissing(false);
              }
            }}
            error={justificationMissing}
            helperText={
              justificationMissing
                ? `Say why you need this access, in at least ${JUSTIFICATION_MIN_LENGTH} characters.`
                : 'Why you need this access. Approvers and the audit log see it.'
            }
          />

          <TextField
            label="Ticket (optional)"
            placeholder="INC-4821"
            value={ticket}
            onChange={e => setTicket(e.target.value)}
          />

          {policy?.breakGlassAllowed && (
            <FormControl>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={breakGlassChecked}
                    onChange={e => setBreakGlassChecked(e.target.checked)}
                  />
                }
                label="Break glass (emergency)"
              />
              <FormHelperText sx={{ mt: 0 }}>
                Granted at once, without waiting for approval, for up to{' '}
                {formatMinutes(policy.breakGlassMaxMinutes)}. The security team is notified and the
                grant must be reviewed within 24 h.
              </FormHelperText>
            </FormControl>
          )}

          {submitError !== undefined && (
            <Alert severity="error" aria-label="Request not sent">
              {errorMessage(submitError)}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant="contained"
          color={breakGlass ? 'error' : 'primary'}
          disabled={submitting || !policy}
        >
          {(() => {
            if (submitting) return 'Sending…';
            return breakGlass ? 'Break glass' : 'Request access';
          })()}
        </Button>
      </DialogActions>
    </form>
  );
}
