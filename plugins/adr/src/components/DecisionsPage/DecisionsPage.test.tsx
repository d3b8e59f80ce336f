import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { ID_1, ID_2, ID_4 } from '../../__testUtils__/fixtures';
import { ADR_BASE_URL, errorResponse, serveAdrBackend } from '../../__testUtils__/handlers';
import { renderDecisionsPage } from '../../__testUtils__/renderDecisionsPage';
import { setupAdrServer } from '../../__testUtils__/testApis';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const server = setupAdrServer();

/** The record numbers of the rows, top to bottom. */
async function shownNumbers() {
  const rows = await screen.findAllByTestId('decision-row');
  return rows.map(row => within(row).getByText(/^ADR-\d{4}$/).textContent);
}

/** The links of the rows, top to bottom. */
function rowLinks() {
  return screen
    .getAllByTestId('decision-row')
    .map(row => within(row).getAllByRole('link')[0].getAttribute('href'));
}

describe('<DecisionsPage />', () => {
  it('lists the records with their status, number, title link, entity and date', async () => {
    serveAdrBackend(server);
    await renderDecisionsPage('/decisions');
    const rows = await screen.findAllByTestId('decision-row');
    expect(rows).toHaveLength(3);
    const first = within(rows[0]);
    expect(first.getByText('accepted')).toBeInTheDocument();
    expect(first.getByText('ADR-0004')).toBeInTheDocument();
    expect(
      first.getByRole('link', { name: 'Publish payment events through a transactional outbox' }),
    ).toHaveAttribute('href', `/decisions/${ID_4}`);
    expect(first.getByRole('link', { name: /payments-api/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(first.getByText('2025-12-01')).toBeInTheDocument();
    expect(screen.getByText('3 decisions')).toBeInTheDocument();
    expect(await screen.findByText(/3 records indexed/)).toBeInTheDocument();
  });

  it('applies the filters of the URL', async () => {
    serveAdrBackend(server);
    await renderDecisionsPage(
      '/decisions?status=accepted&domain=domain:default/payments&from=2025-11-25&sort=title&q=outbox&page=2&size=10',
    );
    // One record is accepted, in the domain, recent and about an outbox: page 2 is past it.
    expect(await screen.findByText('1 decision matches')).toBeInTheDocument();
    expect(screen.getByText('This page is past the last decision.')).toBeInTheDocument();
    // The filters show as selected
    expect(await screen.findByRole('button', { name: 'accepted (2)' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByLabelText('From')).toHaveValue('2025-11-25');
    expect(screen.getByRole('searchbox', { name: 'Search decisions' })).toHaveValue('outbox');
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveTextContent('Title');

    await userEvent.click(screen.getByRole('button', { name: 'Go to the first page' }));
    expect(await shownNumbers()).toEqual(['ADR-0004']);
    expect(screen.getByText('1–1 of 1')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /Rows per page/ })).toHaveTextContent('10');
  });

  it('orders the list as the URL says', async () => {
    serveAdrBackend(server);
    await renderDecisionsPage('/decisions?sort=title&order=desc');
    await screen.findAllByTestId('decision-row');
    expect(rowLinks()).toEqual([`/decisions/${ID_1}`, `/decisions/${ID_2}`, `/decisions/${ID_4}`]);
  });

  it('narrows the list when a status chip is clicked, and searches as the user types', async () => {
    const backend = serveAdrBackend(server);
    await renderDecisionsPage('/decisions');
    expect(await shownNumbers()).toEqual(['ADR-0004', 'ADR-0002', 'ADR-0001']);
    await userEvent.click(await screen.findByRole('button', { name: 'superseded (1)' }));
    await waitFor(() => expect(screen.getAllByTestId('decision-row')).toHaveLength(1));
    expect(await shownNumbers()).toEqual(['ADR-0002']);

    // Unselected again, then a search: only ADR-0001 speaks of idempotency
    await userEvent.click(screen.getByRole('button', { name: 'superseded (1)' }));
    await waitFor(() => expect(screen.getAllByTestId('decision-row')).toHaveLength(3));
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search decisions' }),
      'idempotency',
    );
    expect(await screen.findByText('1 decision matches', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(await shownNumbers()).toEqual(['ADR-0001']);
    // Debounced: the backend is not asked for every key typed
    const searches = backend.requests.lists.map(params => params.get('q')).filter(Boolean);
    expect(searches).toEqual(['idempotency']);
  });

  it('says when nothing matches and clears the filters', async () => {
    serveAdrBackend(server);
    await renderDecisionsPage('/decisions?status=rejected');
    expect(await screen.findByText('No decisions match')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[1]);
    expect(await screen.findAllByTestId('decision-row')).toHaveLength(3);
  });

  it('shows the error of the API', async () => {
    serveAdrBackend(server);
    server.use(
      http.get(`${ADR_BASE_URL}/records`, ({ request }) =>
        errorResponse(request, 503, 'ServiceUnavailableError', 'index unavailable'),
      ),
    );
    await renderDecisionsPage('/decisions');
    expect(
      await screen.findByText('Error: Request failed with 503 Service Unavailable', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('index unavailable')).toBeInTheDocument();
  });

  it('offers "Refresh index" to those allowed, and shows what the refresh did', async () => {
    const backend = serveAdrBackend(server);
    await renderDecisionsPage('/decisions');
    await userEvent.click(await screen.findByRole('button', { name: 'Refresh index' }));
    expect(
      await screen.findByText(/Index refreshed\. Read 5 entities and 24 records/),
    ).toBeInTheDocument();
    // The whole index, not one entity's folder
    expect(backend.requests.refreshes).toEqual([{}]);
  });
});
