import {
  ACCESS_LEVELS,
  AccessRequest,
  AccessRequestAction,
  COMMENT_MIN_LENGTH,
  CreateAccessRequest,
  JUSTIFICATION_MIN_LENGTH,
} from '@souverain/plugin-concierge-common';
import { inMinutes } from './fixtures';

// The fake backend's rules for a request's state and for bodies, after the concierge
// backend's (a simplified copy: the caller's actions are kept on each request).

/** The state changes `POST /requests/:id/<verb>` makes. */
export const VERBS = ['approve', 'deny', 'cancel', 'revoke', 'retry', 'review'] as const;

/** The state and actions a verb leaves a request in, as the backend's rules do. */
export function apply(
  request: AccessRequest,
  verb: (typeof VERBS)[number],
  actor: string,
  body: { comment?: string; reason?: string },
): AccessRequest {
  const now = inMinutes(0);
  const moved = (to: AccessRequest['state'], actions: AccessRequestAction[], reason?: string) => ({
    ...request,
    state: to,
    actions,
    updatedAt: now,
    transitions: [...request.transitions, { from: request.state, to, actor, at: now, reason }],
  });
  switch (verb) {
    case 'approve': {
      const decisions = [
        ...request.decisions,
        { actor, decision: 'approve' as const, comment: body.comment, at: now },
      ];
      const approvals = decisions.filter(d => d.decision === 'approve').length;
      if (approvals < request.approvalsRequired) {
        return { ...request, decisions, actions: [], updatedAt: now };
      }
      return {
        ...moved('active', [], 'credential issued'),
        decisions,
        activatedAt: now,
        expiresAt: inMinutes(request.durationMinutes),
      };
    }
    case 'deny':
      return {
        ...moved('denied', [], body.comment),
        decisions: [...request.decisions, { actor, decision: 'deny', comment: body.comment, at: now }],
      };
    case 'cancel':
      return moved('cancelled', []);
    case 'revoke':
      return moved('revoked', [], body.reason);
    case 'retry':
      return { ...moved('active', ['revoke']), failureReason: undefined, activatedAt: now };
    default:
      return {
        ...request,
        reviewedAt: now,
        reviewedBy: actor,
        actions: (request.actions ?? []).filter(a => a !== 'review'),
      };
  }
}

/** Checks a body as the router's schemas do; the first problem, or undefined. */
export function invalidBody(verb: string, body: Record<string, unknown>): string | undefined {
  const allowed: Record<string, string[]> = {
    approve: ['comment'],
    deny: ['comment'],
    review: ['comment'],
    revoke: ['reason'],
    cancel: [],
    retry: [],
    credential: [],
  };
  const unknown = Object.keys(body).filter(key => !allowed[verb].includes(key));
  if (unknown.length) return `request/body must NOT have additional properties (${unknown[0]})`;
  const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
  if ((verb === 'deny' || verb === 'review') && comment.length < COMMENT_MIN_LENGTH) {
    return `request/body/comment is required (at least ${COMMENT_MIN_LENGTH} characters)`;
  }
  return undefined;
}

export function invalidCreate(body: CreateAccessRequest): string | undefined {
  const known = ['resourceRef', 'accessLevel', 'durationMinutes', 'justification', 'ticket', 'breakGlass'];
  const unknown = Object.keys(body).filter(key => !known.includes(key));
  if (unknown.length) return `request/body must NOT have additional properties (${unknown[0]})`;
  if (!body.resourceRef) return 'request/body/resourceRef is required';
  if (!ACCESS_LEVELS.includes(body.accessLevel)) return 'request/body/accessLevel must be a level';
  if (!Number.isInteger(body.durationMinutes) || body.durationMinutes < 1) {
    return 'request/body/durationMinutes must be a whole number of minutes';
  }
  if ((body.justification ?? '').trim().length < JUSTIFICATION_MIN_LENGTH) {
    return `request/body/justification must say why, in at least ${JUSTIFICATION_MIN_LENGTH} characters`;
  }
  return undefined;
}
