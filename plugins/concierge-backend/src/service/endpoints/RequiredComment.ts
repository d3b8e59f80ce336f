import { InputError } from '@backstage/errors';
import { COMMENT_MIN_LENGTH } from '@souverain/plugin-concierge-common';

/**
 * A denial's or a review's comment, trimmed. The spec counts characters as sent; spaces around
 * a word do not make it a reason.
 */
export function requiredComment(comment: string): string {
  const trimmed = comment.trim();
  if (trimmed.length < COMMENT_MIN_LENGTH) {
    throw new InputError(
      `request/body/comment is required (at least ${COMMENT_MIN_LENGTH} characters)`,
    );
  }
  return trimmed;
}
