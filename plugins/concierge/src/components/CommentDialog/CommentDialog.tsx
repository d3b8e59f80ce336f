import Button, { ButtonProps } from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { COMMENT_MIN_LENGTH } from '@souverain/plugin-concierge-common';
import { ReactNode, useState } from 'react';

// One comment dialog is open at a time.
const TITLE_ID = 'concierge-comment-title';

/** Props of {@link CommentDialog}. */
export interface CommentDialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  /** The comment field's label, e.g. "Comment" or "Reason". */
  commentLabel?: string;
  /** Whether the action needs a comment (denying, reviewing) or only allows one (approving). */
  commentRequired?: boolean;
  /** The shortest required comment; the backend asks for 3 characters. */
  minCommentLength?: number;
  confirmLabel: string;
  confirmColor?: ButtonProps['color'];
  /** While the action runs: the buttons are disabled. */
  busy?: boolean;
  onConfirm: (comment: string | undefined) => void;
  onClose: () => void;
}

/** Confirms an action on a request, with a comment that is optional or required. */
export function CommentDialog(props: CommentDialogProps) {
  const { open, onClose } = props;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={TITLE_ID}>
      {/* Mounted per opening, so each starts with an empty comment. */}
      {open && <CommentForm {...props} />}
    </Dialog>
  );
}

function CommentForm(props: CommentDialogProps) {
  const {
    title,
    description,
    commentLabel = 'Comment',
    commentRequired = false,
    minCommentLength = COMMENT_MIN_LENGTH,
    confirmLabel,
    confirmColor = 'primary',
    busy = false,
    onConfirm,
    onClose,
  } = props;
  const [comment, setComment] = useState('');
  const trimmed = comment.trim();
  const missing = commentRequired && trimmed.length < minCommentLength;
  return (
    <form
      onSubmit={event => {
        event.preventDefault();
        if (!missing && !busy) onConfirm(trimmed || undefined);
      }}
    >
      <DialogTitle id={TITLE_ID}>{title}</DialogTitle>
      <DialogContent>
        {description && <DialogContentText sx={{ mb: 2 }}>{description}</DialogContentText>}
        <TextField
          label={commentRequired ? commentLabel : `${commentLabel} (optional)`}
          required={commentRequired}
          multiline
          minRows={2}
          fullWidth
          value={comment}
          onChange={e => setComment(e.target.value)}
          helperText={
            commentRequired
              ? `Required, at least ${minCommentLength} characters: the requester and the audit log see it.`
              : undefined
          }
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Back
        </Button>
        <Button type="submit" variant="contained" color={confirmColor} disabled={missing || busy}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
