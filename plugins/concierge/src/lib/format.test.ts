import { accessRequest, preview, SOFIA } from '../__testUtils__/fixtures';
import {
  describeMissingApprovals,
  describePreview,
  formatMinutes,
  formatTimeLeft,
  isReviewOverdue,
  shortHash,
  shortRef,
} from './format';

describe('format', () => {
  it('says durations the way people do', () => {
    expect(formatMinutes(15)).toBe('15 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(480)).toBe('8 h');
  });

  it('counts down to the second in the last hour', () => {
    expect(formatTimeLeft(2 * 3600_000 + 5 * 60_000 + 30_000)).toBe('2 h 05 min');
    expect(formatTimeLeft(4 * 60_000 + 9_000)).toBe('4 min 09 s');
    expect(formatTimeLeft(42_500)).toBe('42 s');
    expect(formatTimeLeft(0)).toBe('expired');
  });

  it('says what the policy asks', () => {
    expect(describePreview(preview())).toBe(
      'Needs 1 approval from payments-team or security-team, up to 4 h',
    );
    expect(
      describePreview(
        preview({
          approvals: 2,
          approverGroups: ['group:default/a', 'group:default/b', 'group:default/c'],
        }),
      ),
    ).toBe('Needs 2 approvals from a, b or c, up to 4 h');
    expect(describePreview(preview({ approvals: 0, maxDurationMinutes: 480 }))).toBe(
      'Approved automatically, up to 8 h',
    );
  });

  it('tells a late break-glass review from one still in time', () => {
    const now = Date.parse('2026-11-26T10:00:00.000Z');
    const grant = accessRequest({ breakGlass: true, reviewDueAt: '2026-11-26T10:00:01.000Z' });
    expect(isReviewOverdue(grant, now)).toBe(false);
    expect(isReviewOverdue({ ...grant, reviewDueAt: '2026-11-26T09:59:59.000Z' }, now)).toBe(true);
    // The backend's escalation counts even if the browser's clock is behind
    expect(isReviewOverdue({ ...grant, reviewOverdueAt: '2026-11-26T09:59:00.000Z' }, now)).toBe(true);
    expect(
      isReviewOverdue({ ...grant, reviewDueAt: '2026-11-26T09:00:00.000Z', reviewedAt: '2026-11-26T09:30:00.000Z' }, now),
    ).toBe(false);
    expect(isReviewOverdue({ ...grant, breakGlass: false, reviewDueAt: '2026-11-26T09:00:00.000Z' }, now)).toBe(false);
  });

  it('says how many approvals are missing', () => {
    expect(describeMissingApprovals(accessRequest({ approvalsRequired: 2 }))).toBe(
      'needs 2 approvals',
    );
    expect(
      describeMissingApprovals(
        accessRequest({
          approvalsRequired: 2,
          decisions: [{ actor: SOFIA, decision: 'approve', at: '2026-11-25T09:00:00Z' }],
        }),
      ),
    ).toBe('needs 1 approval');
  });

  it('shortens refs and hashes', () => {
    expect(shortRef('user:default/thomas.petit')).toBe('thomas.petit');
    expect(shortRef('group:payments-team')).toBe('payments-team');
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
  });
});
