import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { http } from 'msw';
import { ACTING_USER_STORAGE_KEY } from '../../api';
import {
  accessRequest,
  activeGrant,
  revealed,
  SOFIA,
  THOMAS,
  CLAIRE,
} from '../../__testUtils__/fixtures';
import {
  CONCIERGE_BASE_URL,
  errorResponse,
  serveConciergeBackend,
} from '../../__testUtils__/handlers';
import { renderAccessPage } from '../../__testUtils__/renderAccessPage';
import { setupConciergeServer } from '../../__testUtils__/testApis';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const pending = accessRequest();
const active = activeGrant();
const failed = accessRequest({
  id: 'req-3',
  state: 'failed',
  accessLevel: 'admin',
  failureReason: 'postgres: could not create role tmp_thomas_petit_9c1e: connection refused',
  actions: ['retry', 'cancel'],
});

const server = setupConciergeServer();

/** A backend holding `items`, Thomas's requests. */
function listing(...items: AccessRequest[]) {
  return serveConciergeBackend(server, { requests: items });
}

async function findRow(resourceText: RegExp | string, state: string) {
  const rows = await screen.findAllByTestId('request-row');
  const row = rows.find(
    r => within(r).queryByText(resourceText) && r.querySelector(`[data-state="${state}"]`),
  );
  if (!row) throw new Error(`No ${state} row`);
  return row;
}

/** The state of each row, top to bottom. */
function statesShown() {
  return screen
    .getAllByTestId('request-row')
    .map(row => row.querySelector('[data-state]')?.getAttribute('data-state'));
}

afterEach(() => window.localStorage.clear());

describe('<AccessPage /> My requests', () => {
  it('says there are no requests yet and where to start', async () => {
    // Claire's request is not Thomas's
    listing(accessRequest({ id: 'req-7', requester: CLAIRE, actions: [] }));
    await renderAccessPage('/access');
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(
      screen.getByText('Open a resource such as acme-payments-db and click Request access.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Signed in as thomas\.petit · member of payments-team/),
    ).toBeInTheDocument();
  });

  it('lists the requests with their state, a countdown for active grants and their actions', async () => {
    listing(pending, active, failed);
    await renderAccessPage('/access');
    const activeRow = await findRow('Acme payments database', 'active');
    expect(within(activeRow).getByText('write')).toBeInTheDocument();
    expect(within(activeRow).getByText(/^1 h (29|30) min left$/)).toBeInTheDocument();
    expect(within(activeRow).getByRole('button', { name: 'Reveal' })).toBeInTheDocument();
    expect(within(activeRow).getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
    expect(within(activeRow).queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();

    const pendingRow = await findRow('Acme payments database', 'pending');
    expect(within(pendingRow).getByText('1 h requested')).toBeInTheDocument();
    expect(within(pendingRow).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(within(pendingRow).queryByRole('button', { name: 'Reveal' })).not.toBeInTheDocument();

    const failedRow = await findRow('Acme payments database', 'failed');
    expect(within(failedRow).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('reveals the secret once, then the row says revealed', async () => {
    const backend = listing(active);
    await renderAccessPage('/access');
    const row = await findRow('Acme payments database', 'active');
    await userEvent.click(within(row).getByRole('button', { name: 'Reveal' }));

    const dialog = await screen.findByRole('dialog', { name: 'Your credential' });
    expect(
      within(dialog).getByRole('textbox', { name: 'PostgreSQL connection string' }),
    ).toHaveValue(revealed.secret);
    expect(within(dialog).getByText(/only time the secret is shown/)).toBeInTheDocument();
    expect(within(dialog).getByText(/it will not be shown again/)).toBeInTheDocument();
    const details = within(dialog).getByLabelText('Credential details');
    expect(details).toHaveTextContent('hostdb.internal');
    expect(details).toHaveTextContent('databasepayments');
    expect(details).toHaveTextContent('roletmp_thomas_petit_7f3a');
    expect(within(dialog).getByRole('button', { name: 'Copy' })).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'I have saved it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByDisplayValue(revealed.secret)).not.toBeInTheDocument();
    const after = await findRow('Acme payments database', 'active');
    expect(within(after).getByText('revealed')).toBeInTheDocument();
    expect(within(after).queryByRole('button', { name: 'Reveal' })).not.toBeInTheDocument();
    expect(backend.requests.actions).toEqual([{ id: 'req-2', verb: 'credential', body: {} }]);
  });

  it('copies the secret to the clipboard', async () => {
    const user = userEvent.setup();
    listing(active);
    await renderAccessPage('/access');
    const row = await findRow('Acme payments database', 'active');
    await user.click(within(row).getByRole('button', { name: 'Reveal' }));
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(await screen.findByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied to the clipboard')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(revealed.secret);
  });

  it('shows the already-revealed credential as such', async () => {
    listing(
      activeGrant({
        credential: {
          provider: 'postgres',
          revealable: false,
          revealedAt: '2026-11-25T09:10:00Z',
        },
        actions: ['revoke'],
      }),
    );
    await renderAccessPage('/access');
    const row = await findRow('Acme payments database', 'active');
    expect(within(row).getByText('revealed')).toBeInTheDocument();
  });

  it('shows the timeline, decisions and policy of a request, and the failure reason', async () => {
    listing(active, failed);
    await renderAccessPage('/access');
    await userEvent.click(
      within(await findRow('Acme payments database', 'active')).getByRole('button', {
        name: 'Details',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: /write access to Acme payments database/,
    });
    expect(within(dialog).getByText('sofia.martin approved: “Go ahead”')).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'production-databases: 1 of 1 approval from payments-team or security-team',
      ),
    ).toBeInTheDocument();
    const timeline = within(dialog).getByRole('list', { name: 'Timeline' });
    expect(
      Array.from(timeline.querySelectorAll('[data-state]')).map(e => e.getAttribute('data-state')),
    ).toEqual(['pending', 'approved', 'active']);
    // The list leaves the timeline out: the dialog loaded the request in full
    expect(within(timeline).getByText('credential issued')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await userEvent.click(
      within(await findRow('Acme payments database', 'failed')).getByRole('button', {
        name: 'Details',
      }),
    );
    expect(await screen.findByRole('alert', { name: 'Failure reason' })).toHaveTextContent(
      'postgres: could not create role tmp_thomas_petit_9c1e: connection refused',
    );
  });

  it('opens the request a notification links to', async () => {
    listing(pending, active);
    await renderAccessPage('/access?request=req-2');
    const dialog = await screen.findByRole('dialog', {
      name: /write access to Acme payments database/,
    });
    expect(
      await within(dialog).findByText('sofia.martin approved: “Go ahead”'),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says when the linked request cannot be found', async () => {
    listing(pending);
    await renderAccessPage('/access?request=req-404');
    const dialog = await screen.findByRole('dialog', { name: 'Access request' });
    expect(
      await within(dialog).findByText('Error: Request failed with 404 Not Found', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('No access request req-404')).toBeInTheDocument();
  });

  it('cancels, retries and revokes, then reloads the list', async () => {
    const backend = listing(pending, active, failed);
    await renderAccessPage('/access');
    await userEvent.click(
      within(await findRow('Acme payments database', 'pending')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    expect(await screen.findByText('Request cancelled')).toBeInTheDocument();
    // The list shows the request as the backend now has it
    await findRow('Acme payments database', 'cancelled');

    await userEvent.click(
      within(await findRow('Acme payments database', 'failed')).getByRole('button', {
        name: 'Retry',
      }),
    );
    expect(await screen.findByText('Issuing the credential again')).toBeInTheDocument();
    // Issued this time: no failed request is left
    await waitFor(() => expect(statesShown()).toEqual(['cancelled', 'active', 'active']));

    await userEvent.click(
      within(await findRow('Acme payments database', 'active')).getByRole('button', {
        name: 'Revoke',
      }),
    );
    const confirm = await screen.findByRole('dialog', { name: 'Revoke this access?' });
    await userEvent.type(
      within(confirm).getByRole('textbox', { name: 'Reason (optional)' }),
      'Done',
    );
    await userEvent.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('Access revoked')).toBeInTheDocument();
    await findRow('Acme payments database', 'revoked');
    expect(backend.requests.actions).toEqual([
      { id: 'req-1', verb: 'cancel', body: {} },
      { id: 'req-3', verb: 'retry', body: {} },
      { id: 'req-2', verb: 'revoke', body: { reason: 'Done' } },
    ]);
  });

  it("shows the backend's refusal of an action", async () => {
    listing(pending);
    server.use(
      http.post(`${CONCIERGE_BASE_URL}/requests/:id/cancel`, ({ request }) =>
        errorResponse(request, 409, 'ConflictError', 'request req-1 is no longer pending'),
      ),
    );
    await renderAccessPage('/access');
    await userEvent.click(
      within(await findRow('Acme payments database', 'pending')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    expect(await screen.findByText('request req-1 is no longer pending')).toBeInTheDocument();
  });

  it('shows the error of the API', async () => {
    listing();
    server.use(
      http.get(`${CONCIERGE_BASE_URL}/requests`, ({ request }) =>
        errorResponse(request, 503, 'ServiceUnavailableError', 'database unavailable'),
      ),
    );
    await renderAccessPage('/access');
    expect(
      await screen.findByText('Error: Request failed with 503 Service Unavailable', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('database unavailable')).toBeInTheDocument();
  });
});

describe('<AccessPage /> acting as a demo user', () => {
  it('has no switcher outside demo mode', async () => {
    listing();
    await renderAccessPage('/access');
    await screen.findByText('No requests yet');
    expect(screen.queryByRole('combobox', { name: 'Acting as (demo)' })).not.toBeInTheDocument();
  });

  it('acts as the chosen demo user, remembers it, and reloads the data', async () => {
    serveConciergeBackend(server, {
      demoUsers: [SOFIA, CLAIRE, THOMAS],
      requests: [accessRequest({ id: 'req-5', requester: SOFIA, resourceTitle: 'Ledger database' })],
    });
    const { client } = await renderAccessPage('/access');
    await screen.findByText('No requests yet');
    expect(
      screen.getByText('Demo feature: local mode only, requests are made as this user.'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Acting as (demo)' }));
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'thomas.petit (you)',
      'sofia.martin',
      'claire.moreau',
    ]);
    await userEvent.click(options[1]);

    expect(client.getActingUser()).toBe(SOFIA);
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBe(SOFIA);
    expect(
      await screen.findByText(/Acting as sofia\.martin, signed in as thomas\.petit/),
    ).toBeInTheDocument();
    // Sofia's requests, loaded again as her
    await findRow('Ledger database', 'pending');

    await userEvent.click(screen.getByRole('combobox', { name: 'Acting as (demo)' }));
    await userEvent.click(screen.getByRole('option', { name: 'thomas.petit (you)' }));
    expect(client.getActingUser()).toBeUndefined();
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull();
    expect(await screen.findByText(/^Signed in as thomas\.petit/)).toBeInTheDocument();
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
  });

  it('acts as the signed-in user again when the backend refuses the remembered demo user', async () => {
    window.localStorage.setItem(ACTING_USER_STORAGE_KEY, SOFIA);
    // Outside the local demo: no demo users, acting as another user is refused
    serveConciergeBackend(server);
    const { client } = await renderAccessPage('/access');
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(screen.getByText(/^Signed in as thomas\.petit/)).toBeInTheDocument();
    expect(client.getActingUser()).toBeUndefined();
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull();
  });

  it('forgets a remembered demo user when the backend offers none', async () => {
    // Sofia signed in herself, on a backend without demo users
    window.localStorage.setItem(ACTING_USER_STORAGE_KEY, SOFIA);
    serveConciergeBackend(server, { signedInAs: SOFIA });
    const { client } = await renderAccessPage('/access');
    await waitFor(() => expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull());
    expect(client.getActingUser()).toBeUndefined();
    // Loaded again, as the signed-in user
    expect(await screen.findByText(/^Signed in as sofia\.martin/)).toBeInTheDocument();
  });
});
