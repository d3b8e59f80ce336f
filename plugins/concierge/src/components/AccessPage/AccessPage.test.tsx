import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccessRequest } from '@souverain/plugin-concierge-common';
import { ACTING_USER_STORAGE_KEY } from '../../api';
import {
  accessRequest,
  activeGrant,
  identity,
  mockConciergeApi,
  responseError,
  revealed,
  SOFIA,
  THOMAS,
  CLAIRE,
} from '../../__testUtils__/fixtures';
import { renderAccessPage } from '../../__testUtils__/renderAccessPage';

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

/** An API listing `items` the way the backend does (without their timeline), and giving them in full. */
function listing(...items: AccessRequest[]) {
  return mockConciergeApi({
    list: jest.fn(async () => ({
      items: items.map(item => ({ ...item, transitions: [] })),
      totalCount: items.length,
    })),
    get: jest.fn(async (id: string) => {
      const found = items.find(item => item.id === id);
      if (!found) throw new Error(`request ${id} not found`);
      return found;
    }),
  });
}

async function findRow(resourceText: RegExp | string, state: string) {
  const rows = await screen.findAllByTestId('request-row');
  const row = rows.find(
    r => within(r).queryByText(resourceText) && r.querySelector(`[data-state="${state}"]`),
  );
  if (!row) throw new Error(`No ${state} row`);
  return row;
}

afterEach(() => window.localStorage.clear());

describe('<AccessPage /> My requests', () => {
  it('says there are no requests yet and where to start', async () => {
    const api = mockConciergeApi();
    await renderAccessPage('/access', api);
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(
      screen.getByText('Open a resource such as acme-payments-db and click Request access.'),
    ).toBeInTheDocument();
    expect(api.list).toHaveBeenCalledWith({ mine: true, limit: 25, offset: 0 });
    expect(
      screen.getByText(/Signed in as thomas\.petit · member of payments-team/),
    ).toBeInTheDocument();
  });

  it('lists the requests with their state, a countdown for active grants and their actions', async () => {
    await renderAccessPage('/access', listing(pending, active, failed));
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
    const api = listing(active);
    await renderAccessPage('/access', api);
    const row = await findRow('Acme payments database', 'active');
    await userEvent.click(within(row).getByRole('button', { name: 'Reveal' }));

    const dialog = await screen.findByRole('dialog', { name: 'Your credential' });
    expect(api.reveal).toHaveBeenCalledWith('req-2');
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
    expect(api.reveal).toHaveBeenCalledTimes(1);
  });

  it('copies the secret to the clipboard', async () => {
    const user = userEvent.setup();
    await renderAccessPage('/access', listing(active));
    const row = await findRow('Acme payments database', 'active');
    await user.click(within(row).getByRole('button', { name: 'Reveal' }));
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(await screen.findByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied to the clipboard')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(revealed.secret);
  });

  it('shows the already-revealed credential as such', async () => {
    await renderAccessPage(
      '/access',
      listing(
        activeGrant({
          credential: {
            provider: 'postgres',
            revealable: false,
            revealedAt: '2026-11-25T09:10:00Z',
          },
          actions: ['revoke'],
        }),
      ),
    );
    const row = await findRow('Acme payments database', 'active');
    expect(within(row).getByText('revealed')).toBeInTheDocument();
  });

  it('shows the timeline, decisions and policy of a request, and the failure reason', async () => {
    const api = listing(active, failed);
    await renderAccessPage('/access', api);
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
    expect(within(timeline).getByText('credential issued')).toBeInTheDocument();
    expect(api.get).toHaveBeenCalledWith('req-2');
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
    const api = listing(pending, active);
    await renderAccessPage('/access?request=req-2', api);
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
    await renderAccessPage('/access?request=req-404', listing(pending));
    const dialog = await screen.findByRole('dialog', { name: 'Access request' });
    expect(
      await within(dialog).findByText('Error: request req-404 not found', { selector: 'h6' }),
    ).toBeInTheDocument();
  });

  it('cancels, retries and revokes, then reloads the list', async () => {
    const api = listing(pending, active, failed);
    await renderAccessPage('/access', api);
    await userEvent.click(
      within(await findRow('Acme payments database', 'pending')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    expect(await screen.findByText('Request cancelled')).toBeInTheDocument();
    expect(api.cancel).toHaveBeenCalledWith('req-1');

    await userEvent.click(
      within(await findRow('Acme payments database', 'failed')).getByRole('button', {
        name: 'Retry',
      }),
    );
    expect(await screen.findByText('Issuing the credential again')).toBeInTheDocument();
    expect(api.retry).toHaveBeenCalledWith('req-3');

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
    expect(api.revoke).toHaveBeenCalledWith('req-2', 'Done');
    expect(api.list).toHaveBeenCalledTimes(4);
  });

  it("shows the backend's refusal of an action", async () => {
    const api = listing(pending);
    api.cancel.mockRejectedValue(new Error('request req-1 is no longer pending'));
    await renderAccessPage('/access', api);
    await userEvent.click(
      within(await findRow('Acme payments database', 'pending')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    expect(await screen.findByText('request req-1 is no longer pending')).toBeInTheDocument();
  });

  it('shows the error of the API', async () => {
    const api = mockConciergeApi({
      list: jest.fn().mockRejectedValue(new Error('database unavailable')),
    });
    await renderAccessPage('/access', api);
    expect(
      await screen.findByText('Error: database unavailable', { selector: 'h6' }),
    ).toBeInTheDocument();
  });
});

describe('<AccessPage /> acting as a demo user', () => {
  it('has no switcher outside demo mode', async () => {
    await renderAccessPage('/access');
    await screen.findByText('No requests yet');
    expect(screen.queryByRole('combobox', { name: 'Acting as (demo)' })).not.toBeInTheDocument();
  });

  it('acts as the chosen demo user, remembers it, and reloads the data', async () => {
    const api = mockConciergeApi();
    api.whoami.mockImplementation(async () => {
      const acting = api.getActingUser();
      return identity({ userEntityRef: acting ?? THOMAS, demoUsers: [SOFIA, CLAIRE, THOMAS] });
    });
    await renderAccessPage('/access', api);
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

    expect(api.setActingUser).toHaveBeenLastCalledWith(SOFIA);
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBe(SOFIA);
    expect(
      await screen.findByText(/Acting as sofia\.martin, signed in as thomas\.petit/),
    ).toBeInTheDocument();
    await screen.findByText('No requests yet');
    expect(api.whoami).toHaveBeenCalledTimes(2);
    expect(api.list).toHaveBeenCalledTimes(2);

    await userEvent.click(screen.getByRole('combobox', { name: 'Acting as (demo)' }));
    await userEvent.click(screen.getByRole('option', { name: 'thomas.petit (you)' }));
    expect(api.setActingUser).toHaveBeenLastCalledWith(undefined);
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull();
    expect(await screen.findByText(/^Signed in as thomas\.petit/)).toBeInTheDocument();
  });

  it('acts as the signed-in user again when the backend refuses the remembered demo user', async () => {
    window.localStorage.setItem(ACTING_USER_STORAGE_KEY, SOFIA);
    const api = mockConciergeApi();
    api.setActingUser(SOFIA);
    const refusal = await responseError(
      403,
      'Acting as another user is only possible in the local demo',
      'NotAllowedError',
    );
    api.whoami.mockImplementation(async () => {
      if (api.getActingUser()) throw refusal;
      return identity();
    });
    await renderAccessPage('/access', api);
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(api.getActingUser()).toBeUndefined();
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull();
  });

  it('forgets a remembered demo user when the backend offers none', async () => {
    window.localStorage.setItem(ACTING_USER_STORAGE_KEY, SOFIA);
    const api = mockConciergeApi();
    api.setActingUser(SOFIA);
    await renderAccessPage('/access', api);
    await waitFor(() => expect(api.setActingUser).toHaveBeenLastCalledWith(undefined));
    expect(window.localStorage.getItem(ACTING_USER_STORAGE_KEY)).toBeNull();
  });
});
