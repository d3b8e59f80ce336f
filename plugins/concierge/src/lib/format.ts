import { parseEntityRef } from '@backstage/catalog-model';
import { AccessPreview, AccessRequest } from '@souverain/plugin-concierge-common';

/** A duration in minutes, the way people say it: "15 min", "1 h", "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** What is left of a grant, precise to the second in the last hour: "1 h 05 min", "4 min 09 s". */
export function formatTimeLeft(milliseconds: number): string {
  if (milliseconds <= 0) return 'expired';
  const seconds = Math.floor(milliseconds / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(rest)} s`;
  return `${rest} s`;
}

/** The name part of an entity ref: `user:default/thomas.petit` → `thomas.petit`. */
export function shortRef(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** Groups joined the way a sentence lists alternatives: "a, b or c". */
export function formatAlternatives(refs: string[]): string {
  const names = refs.map(shortRef);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** What a policy asks before granting, e.g. "Needs 1 approval from payments-team or security-team, up to 4 h". */
export function describePreview(preview: AccessPreview): string {
  const upTo = `up to ${formatMinutes(preview.maxDurationMinutes)}`;
  if (preview.approvals === 0) return `Approved automatically, ${upTo}`;
  const approvals = `${preview.approvals} approval${preview.approvals === 1 ? '' : 's'}`;
  const from = preview.approverGroups.length
    ? ` from ${formatAlternatives(preview.approverGroups)}`
    : '';
  return `Needs ${approvals}${from}, ${upTo}`;
}

/** How many approvals a request has collected. */
export function countApprovals(request: AccessRequest): number {
  return request.decisions.filter(d => d.decision === 'approve').length;
}

/** What a request still waits for, e.g. "needs 1 approval". */
export function describeMissingApprovals(request: AccessRequest): string {
  const missing = Math.max(request.approvalsRequired - countApprovals(request), 0);
  return `needs ${missing} approval${missing === 1 ? '' : 's'}`;
}

/**
 * Whether a break-glass grant's review is late: the backend has escalated it, or its due time
 * has passed and nobody reviewed it.
 */
export function isReviewOverdue(request: AccessRequest, now: number = Date.now()): boolean {
  if (!request.breakGlass || request.reviewedAt || !request.reviewDueAt) return false;
  return Boolean(request.reviewOverdueAt) || Date.parse(request.reviewDueAt) <= now;
}

/** A timestamp in the user's locale, short. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The first characters of a hash, enough to tell entries apart at a glance. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}
