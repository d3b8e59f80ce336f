import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ID_4, mockAdrApi, records } from '../__testUtils__/fixtures';
import { renderDecisionsPage } from '../__testUtils__/renderDecisionsPage';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);



describe('<DecisionsPage />', () => {
  it('lists the records with their status, number, title link, entity and date', async () => {
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
    expect(screen.getByText(/3 records indexed/)).toBeInTheDocument();
  });

  it('sends the filters of the URL to the API', async () => {
    const api = mockAdrApi();
    await renderDecisionsPage(
      '/decisions?status=accepted&domain=domain:default/payments&from=2025-11-25&sort=title&q=outbox&page=2&size=10',
      api,
    );
    await screen.findAllByTestId('decision-row');
    expect(api.list).toHaveBeenCalledWith({
      q: 'outbox',
      status: ['accepted'],
      domain: ['domain:default/payments'],
      from: '2025-11-25',
      sort: 'title',
      limit: 10,
      offset: 10,
    });
    // The filters show as selected
    expect(screen.getByRole('button', { name: 'accepted (2)' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByLabelText('From')).toHaveValue('2025-11-25');
    expect(screen.getByRole('searchbox', { name: 'Search decisions' })).toHaveValue('outbox');
  });

  it('narrows the list when a status chip is clicked, and searches as the user types', async () => {
    const api = mockAdrApi();
    await renderDecisionsPage('/decisions', api);
    await screen.findAllByTestId('decision-row');
    await userEvent.click(screen.getByRole('button', { name: 'superseded (1)' }));
    await waitFor(() =>
      expect(api.list).toHaveBeenLastCalledWith({ status: ['superseded'], limit: 25, offset: 0 }),
    );
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search decisions' }), 'rabbit');
    await waitFor(
      () =>
        expect(api.list).toHaveBeenLastCalledWith({
          q: 'rabbit',
          status: ['superseded'],
          limit: 25,
          offset: 0,
        }),
      { timeout: 3000 },
    );
    // Debounced: not one call per key
    expect(api.list.mock.calls.filter(([q]) => q?.q && q.q !== 'rabbit')).toHaveLength(0);
  });

  it('says when nothing matches and clears the filters', async () => {
    const api = mockAdrApi();
    api.list.mockImplementation(async query =>
      query?.status
        ? { items: [], totalCount: 0, limit: 25, offset: 0 }
        : { items: records, totalCount: 3, limit: 25, offset: 0 },
    );
    await renderDecisionsPage('/decisions?status=rejected', api);
    expect(await screen.findByText('No decisions match')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[1]);
    expect(await screen.findAllByTestId('decision-row')).toHaveLength(3);
  });

  it('shows the error of the API', async () => {
    const api = mockAdrApi();
    api.list.mockRejectedValue(new Error('index unavailable'));
    await renderDecisionsPage('/decisions', api);
    expect(
      await screen.findByText('Error: index unavailable', { selector: 'h6' }),
    ).toBeInTheDocument();
  });

  it('offers "Refresh index" to those allowed, and shows what the refresh did', async () => {
    const api = mockAdrApi();
    await renderDecisionsPage('/decisions', api);
    await userEvent.click(await screen.findByRole('button', { name: 'Refresh index' }));
    expect(await screen.findByText(/Index refreshed\. Read 5 entities and 24 records/)).toBeInTheDocument();
    expect(api.refresh).toHaveBeenCalledWith({});
  });
});
