import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { AdrDetail } from '@souverain/plugin-adr-common';
import { rootRouteRef } from '../../routes';
import { detail, details, ID_1, ID_2, ID_4 } from '../../__testUtils__/fixtures';
import { serveAdrBackend } from '../../__testUtils__/handlers';
import { adrApi, setupAdrServer } from '../../__testUtils__/testApis';
import { RecordView } from './RecordPage';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const server = setupAdrServer();

const mountedRoutes = {
  '/decisions': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/** The backend's records, with ADR-0002 (the one shown) replaced by `record`. */
function withRecord(record: AdrDetail): AdrDetail[] {
  return details().map(r => (r.id === record.id ? record : r));
}

function render(id = ID_2) {
  return renderInTestApp(<RecordView id={id} />, { mountedRoutes, apis: [adrApi()] });
}

describe('<RecordView />', () => {
  it('shows the record with its metadata', async () => {
    serveAdrBackend(server);
    await render();
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Publish payment events to RabbitMQ right after the database commit',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('ADR-0002')).toBeInTheDocument();
    expect(screen.getByText('Status as written: “superseded by ADR-0004”')).toBeInTheDocument();
    expect(screen.getByText(/2024-03-11 · MADR 4/)).toBeInTheDocument();
    expect(screen.getByText('Marco Bianchi')).toBeInTheDocument();
    expect(screen.getByText('ledger-team')).toBeInTheDocument();
    // The body is rendered without repeating the title
    expect(screen.getByRole('heading', { level: 2, name: 'Context and Problem Statement' })).toBeInTheDocument();
    expect(screen.getAllByText('Publish payment events to RabbitMQ right after the database commit')).toHaveLength(1);
    expect(screen.getByRole('link', { name: /All decisions/ })).toHaveAttribute('href', '/decisions');
  });

  it('says prominently that a superseded record was replaced, linking to its successor', async () => {
    serveAdrBackend(server);
    await render();
    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent(
      'Superseded by ADR-0004: Publish payment events through a transactional outbox',
    );
    expect(
      within(banner).getByRole('link', {
        name: 'ADR-0004: Publish payment events through a transactional outbox',
      }),
    ).toHaveAttribute('href', `/decisions/${ID_4}`);
  });

  it('shows the decision chain from the graph, oldest first', async () => {
    serveAdrBackend(server, {
      graph: {
      nodes: [
        { id: ID_4, title: 'Outbox', number: 4, status: 'accepted', entityRef: 'component:default/payments-api', date: '2025-12-01' },
        { id: ID_2, title: 'After commit', number: 2, status: 'superseded', entityRef: 'component:default/payments-api', date: '2024-03-11' },
      ],
        edges: [{ from: ID_4, to: ID_2, type: 'supersedes' }],
      },
    });
    await render();
    await screen.findByText('Decision chain');
    expect(screen.getByText(/ADR-0002: After commit \(this record\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ADR-0004: Outbox' })).toHaveAttribute('href', `/decisions/${ID_4}`);
    expect(screen.getByText(/supersedes ADR-0002/)).toBeInTheDocument();
  });

  it('never turns raw HTML or javascript: links of the markdown into live elements', async () => {
    serveAdrBackend(server, {
      records: withRecord(
        detail({
          body: [
          '# Evil',
          '',
          '<script>alert(1)</script>',
          '',
          'Click [x](javascript:alert(1)) or <a href="javascript:alert(2)">y</a>',
          '',
          '<img src=x onerror="alert(3)">',
          '',
          '![chart](javascript:alert(4))',
          ].join('\n'),
        }),
      ),
    });
    const { container } = await render();
    await screen.findByRole('article');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.querySelector('article img')).toBeNull();
    const hrefs = Array.from(container.querySelectorAll('[href]')).map(a => a.getAttribute('href'));
    expect(hrefs.filter(h => /^\s*javascript:/i.test(h ?? ''))).toEqual([]);
    // The raw HTML is shown as the text it is
    expect(screen.getByText('<script>alert(1)</script>')).toBeInTheDocument();
    expect(screen.getByText('x').closest('a')).toBeNull();
  });

  it('opens links to sibling records in the portal and shows local files as text', async () => {
    serveAdrBackend(server, {
      records: withRecord(
        detail({
          body: 'See [the outbox](0004-publish-payment-events-through-transactional-outbox.md), [keys](./0001-require-idempotency-keys-on-mutating-requests.md#decision), [the readme](README.md) and ![flow](flow.png).',
        }),
      ),
    });
    await render();
    expect(await screen.findByRole('link', { name: 'the outbox' })).toHaveAttribute(
      'href',
      `/decisions/${ID_4}`,
    );
    expect(screen.getByRole('link', { name: 'keys' })).toHaveAttribute('href', `/decisions/${ID_1}`);
    expect(screen.getByText('the readme').closest('a')).toBeNull();
    expect(screen.getByText('[image: flow]')).toBeInTheDocument();
  });

  it('resolves relative links and images against a GitHub folder, and links the source', async () => {
    const folderUrl = 'https://github.com/acme/payments/tree/main/docs/adr';
    serveAdrBackend(server, {
      records: withRecord(
        detail({
          folderUrl,
          url: `${folderUrl}/0002-publish-payment-events-after-commit.md`,
          body: 'See [the design](../design.md) and ![flow](img/flow.png).',
        }),
      ),
    });
    await render();
    expect(await screen.findByRole('link', { name: /the design/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/blob/main/docs/design.md',
    );
    expect(screen.getByRole('img', { name: 'flow' })).toHaveAttribute(
      'src',
      'https://github.com/acme/payments/blob/main/docs/adr/img/flow.png?raw=true',
    );
    expect(screen.getByRole('link', { name: /View source/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/blob/main/docs/adr/0002-publish-payment-events-after-commit.md',
    );
  });

  it('lists the problems of the file', async () => {
    serveAdrBackend(server, {
      records: withRecord(
        detail({
          problems: [{ severity: 'warning', message: 'Date "2024-02-31" is not a date', line: 3 }],
        }),
      ),
    });
    await render();
    expect(await screen.findByText('1 problem in this file')).toBeInTheDocument();
    expect(screen.getByText('Line 3: Date "2024-02-31" is not a date')).toBeInTheDocument();
  });

  it('shows that a record does not exist', async () => {
    serveAdrBackend(server);
    const unknown = 'e'.repeat(40);
    await render(unknown);
    expect(
      await screen.findByText('Error: Request failed with 404 Not Found', { selector: 'h6' }),
    ).toBeInTheDocument();
    expect(screen.getByText(`No decision record ${unknown}`)).toBeInTheDocument();
  });
});
