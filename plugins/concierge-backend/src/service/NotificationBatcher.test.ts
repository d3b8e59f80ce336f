import { mockServices } from '@backstage/backend-test-utils';
import { NotificationBatcher } from './NotificationBatcher';

describe('NotificationBatcher', () => {
  it('groups notices to the same people within the window into one message', async () => {
    jest.useFakeTimers();
    const sent: any[] = [];
    const batcher = new NotificationBatcher({
      notifications: { send: async options => void sent.push(options) },
      logger: mockServices.logger.mock(),
      windowMs: 2000,
      summaryLink: '/access',
    });
    const approvers = ['group:default/security-team', 'group:default/payments-team'];
    batcher.add(approvers, { title: 'Access request for Acme', description: 'a', link: '/access?request=1' }, 'user:default/dev');
    batcher.add([...approvers].reverse(), { title: 'Access request for Globex', description: 'b', severity: 'high', link: '/access?request=2' }, 'user:default/dev');
    batcher.add(['user:default/dev'], { title: 'Access to Acme approved', description: 'c', link: '/access?request=3' });
    expect(sent).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: ['group:default/payments-team', 'group:default/security-team'], excludeEntityRef: 'user:default/dev' },
      payload: {
        title: '2 access updates: Access request for Acme, and 1 more',
        description: 'Access request for Acme; Access request for Globex',
        severity: 'high',
        link: '/access',
        topic: 'concierge',
      },
    });
    expect(sent[1].payload).toMatchObject({ title: 'Access to Acme approved', link: '/access?request=3' });
    jest.useRealTimers();
  });

  it('never lets a failing notification service throw into a grant', async () => {
    const logger = mockServices.logger.mock();
    const batcher = new NotificationBatcher({
      notifications: { send: async () => Promise.reject(new Error('notifications backend down')) },
      logger,
      windowMs: 0,
      summaryLink: '/access',
    });
    batcher.add(['user:default/dev'], { title: 't', description: 'd', link: '/access' });
    await batcher.flush();
    await new Promise(resolve => setImmediate(resolve));
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('notifications backend down'));
  });
});
