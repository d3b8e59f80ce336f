import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { RequestRecord } from '../database/ConciergeStore';
import { AccessPolicies } from '../policy/AccessPolicies';
import { Actor } from './Actor';
import { RequestNotices } from './RequestNotices';

const request: RequestRecord = {
  id: '4b5e7a0c-0d1e-4f2a-9b3c-5d6e7f8a9b0c',
  requester: 'user:default/dev',
  resourceRef: 'resource:default/acme-payments-db',
  resourceTitle: 'Acme payments database',
  accessLevel: 'read',
  durationMinutes: 90,
  justification: 'Investigate refund INC-42 totals',
  breakGlass: false,
  state: 'pending',
  policy: 'production-read',
  approvalsRequired: 1,
  approverGroups: ['group:default/payments-team', 'group:default/security-team'],
  provider: 'postgres',
  target: 'acme-payments-db',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};
const dev = { userEntityRef: 'user:default/dev', groups: [] } as unknown as Actor;

function notices() {
  const sent: NotificationSendOptions[] = [];
  const unit = new RequestNotices({
    notifications: { send: async options => void sent.push(options) },
    logger: mockServices.logger.mock(),
    breakGlass: AccessPolicies.fromConfig(undefined).breakGlass,
    windowMs: 0,
  });
  return { unit, sent };
}

describe('RequestNotices', () => {
  it('asks the approvers, never the requester, and says what is asked for how long', async () => {
    const { unit, sent } = notices();
    unit.requestCreated(request, dev);
    unit.requestCreated({ ...request, id: 'c0ffee00-0000-4000-8000-000000000000', accessLevel: 'write' }, dev);
    await unit.flush();
    expect(sent[0]).toEqual({
      recipients: { type: 'entity', entityRef: request.approverGroups, excludeEntityRef: 'user:default/dev' },
      payload: {
        title: 'Access request for Acme payments database',
        description: 'user:default/dev asks for read access for 1 h 30 min: Investigate refund INC-42 totals',
        severity: 'normal',
        link: `/access?request=${request.id}`,
        topic: 'concierge',
      },
    });
    // Write access is worth a closer look
    expect(sent[1].payload).toMatchObject({
      description: expect.stringContaining('asks for write access'),
      severity: 'high',
    });
  });

  it('tells the requester the outcome, with the end of the grant or the reason it failed', async () => {
    const active = { ...request, state: 'active' as const, expiresAt: '2026-11-25T11:30:00.000Z' };
    const first = notices();
    first.unit.approved(active);
    await first.unit.flush();
    expect(first.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['user:default/dev'], excludeEntityRef: undefined },
        payload: {
          title: 'Access to Acme payments database approved',
          description:
            'Your read access is active for 1 h 30 min, until 2026-11-25 11:30 UTC. Reveal the credential on the Access page.',
          link: `/access?request=${request.id}`,
          topic: 'concierge',
        },
      },
    ]);

    const second = notices();
    second.unit.approved({ ...request, state: 'failed', failureReason: 'database "acme-payments-db" does not exist' });
    await second.unit.flush();
    expect(second.sent[0].payload).toMatchObject({
      title: 'Access to Acme payments database approved, issuance failed',
      description: 'database "acme-payments-db" does not exist',
      severity: 'high',
    });
  });

  it('tells security of break-glass access at once, and again when its review is overdue', async () => {
    const { unit, sent } = notices();
    const breakGlass = { ...request, breakGlass: true, reviewDueAt: '2026-11-26T10:00:00.000Z' };
    unit.breakGlassTaken(breakGlass, dev);
    await unit.flush();
    unit.reviewOverdue(breakGlass);
    await unit.flush();
    expect(sent.map(s => [s.recipients, s.payload.title, s.payload.severity])).toEqual([
      [
        { type: 'entity', entityRef: ['group:default/security-team'], excludeEntityRef: undefined },
        'Break-glass access to Acme payments database',
        'critical',
      ],
      [
        { type: 'entity', entityRef: request.approverGroups, excludeEntityRef: undefined },
        'Break-glass review overdue: Acme payments database',
        'critical',
      ],
    ]);
    expect(sent[0].payload.description).toBe(
      'user:default/dev took read access for 1 h 30 min: Investigate refund INC-42 totals. Review due within 24 h.',
    );
    expect(sent[1].payload.description).toContain('the review was due by 2026-11-26 10:00 UTC');
  });
});
