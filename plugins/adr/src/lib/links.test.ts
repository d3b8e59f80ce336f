import { resolveLink } from './links';

const github = {
  recordUrl: 'https://github.com/acme/payments/tree/main/docs/adr/0002-publish-events.md',
  recordIdAt: (url: string) =>
    url === 'https://github.com/acme/payments/tree/main/docs/adr/0004-use-outbox.md'
      ? 'id-4'
      : undefined,
};
const local = {
  recordUrl: 'file:///srv/examples/adr/payments-api/0002-publish-events.md',
  recordIdAt: (url: string) =>
    ({
      'file:///srv/examples/adr/payments-api/0004-use-outbox.md': 'id-4',
      'file:///srv/examples/adr/payments/0001-use-rabbitmq.md': 'id-p1',
    })[url],
};

describe('resolveLink', () => {
  it('opens sibling records in the portal, in GitHub and local folders', () => {
    expect(resolveLink('0004-use-outbox.md', github)).toEqual({ kind: 'record', id: 'id-4' });
    expect(resolveLink('./0004-use-outbox.md#decision', local)).toEqual({
      kind: 'record',
      id: 'id-4',
    });
    expect(resolveLink('../payments/0001-use-rabbitmq.md', local)).toEqual({
      kind: 'record',
      id: 'id-p1',
    });
  });

  it('resolves other relative links against a GitHub folder as blob URLs, images as raw', () => {
    expect(resolveLink('../design/overview.md', github)).toEqual({
      kind: 'external',
      href: 'https://github.com/acme/payments/blob/main/docs/design/overview.md',
    });
    expect(resolveLink('0009-not-indexed.md', github)).toEqual({
      kind: 'external',
      href: 'https://github.com/acme/payments/blob/main/docs/adr/0009-not-indexed.md',
    });
    expect(resolveLink('img/flow.png', github, { image: true })).toEqual({
      kind: 'external',
      href: 'https://github.com/acme/payments/blob/main/docs/adr/img/flow.png?raw=true',
    });
  });

  it('shows relative links and images of a local folder as text', () => {
    expect(resolveLink('../README.md', local)).toEqual({ kind: 'text' });
    expect(resolveLink('flow.png', local, { image: true })).toEqual({ kind: 'text' });
  });

  it('keeps web links and anchors, and drops everything else', () => {
    expect(resolveLink('https://example.com/x', local)).toEqual({
      kind: 'external',
      href: 'https://example.com/x',
    });
    expect(resolveLink('#context', local)).toEqual({ kind: 'anchor', href: '#context' });
    expect(resolveLink('mailto:team@example.com', local)).toEqual({
      kind: 'external',
      href: 'mailto:team@example.com',
    });
    expect(resolveLink('', local)).toEqual({ kind: 'text' });
    // eslint-disable-next-line no-script-url
    expect(resolveLink('javascript:alert(1)', github)).toEqual({ kind: 'text' });
    expect(resolveLink('file:///etc/passwd', github)).toEqual({ kind: 'text' });
    expect(resolveLink('data:image/png;base64,xx', github, { image: true })).toEqual({
      kind: 'text',
    });
  });
});
