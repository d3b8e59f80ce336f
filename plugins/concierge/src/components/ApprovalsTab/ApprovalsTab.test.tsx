import { AccessRequest } from '@souverain/plugin-concierge-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import {
  accessRequest,
  activeGrant,
  CLAIRE,
  inMinutes,
  SOFIA,
} from '../../__testUtils__/fixtures';
import {
  CONCIERGE_BASE_URL,
  ConciergeBackend,
  errorResponse,
  serveConciergeBackend,
} from '../../__testUtils__/handlers';
import { renderAccessPage } from '../../__testUtils__/renderAccessPage';
import { setupConciergeServer } from '../../__testUtils__/testApis';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const asked = accessRequest({
  id: 'req-7',
  requester: CLAIRE,
  accessLevel: 'write',
  durationMinutes: 120,
  justification: 'Replay the failed captures of 24 November',
  ticket: 'INC-4821',
  approvalsRequired: 2,
  decisions: [{ actor: SOFIA, decision: 'approve', comment: 'Fine by me', at: inMinutes(-5) }],
  actions: ['approve', 'deny'],
});

const brokeGlass = activeGrant({
  id: 'req-9',
  requester: CLAIRE,
  breakGlass: true,
  approvalsRequired: 0,
  justification: 'Payments are down',
  reviewDueAt: inMinutes(23 * 60),
  actions: ['review', 'revoke'],
});

const server = setupConciergeServer();

/**
 * A backend where Thomas may decide `inbox` and review `reviewable`; his own pending request
 * is there too, and belongs in neither.
 */
function approvalsBackend(inbox = [asked], reviewable = [brokeGlass]): ConciergeBackend {
  return serveConciergeBackend(server, {
    requests: [...inbox, ...reviewable, accessRequest({ id: 'req-1', resourceTitle: 'Own database' })],
  });
}

async function findPendingCard() {
  return screen.findByRole('article', { name: 'Request of claire.moreau for acme-payments-db' });
}

describe('<AccessPage /> Approvals', () => {
  it('shows who asks for what, why, and the approvals so far', async () => {
    approvalsBackend();
    await renderAccessPage('/access?tab=approvals');
    const card = await findPendingCard();
    expect(card).toHaveTextContent(
      'claire.moreau asks for write access to Acme payments database for 2 h',
    );
    expect(within(card).getByText('Replay the failed captures of 24 November')).toBeInTheDocument();
    expect(within(card).getByText('INC-4821')).toBeInTheDocument();
    expect(card).toHaveTextContent('1 of 2 approvals');
    expect(within(card).getByText('sofia.martin approved: “Fine by me”')).toBeInTheDocument();
    expect(within(card).queryByText('break glass')).not.toBeInTheDocument();
    const inbox = screen.getByRole('region', { name: 'Waiting for your decision' });
    expect(within(inbox).getAllByRole('article')).toHaveLength(1);
    expect(screen.queryByText(/Own database/)).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Approvals', selected: true })).toBeInTheDocument();
  });

  it('flags break-glass requests', async () => {
    approvalsBackend([{ ...asked, breakGlass: true }], []);
    await renderAccessPage('/access?tab=approvals');
    expect(within(await findPendingCard()).getByText('break glass')).toBeInTheDocument();
  });

  it('approves with an optional comment, then reloads the inbox', async () => {
    const backend = approvalsBackend();
    await renderAccessPage('/access?tab=approvals');
    await userEvent.click(within(await findPendingCard()).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve this request?' });
    expect(dialog).toHaveTextContent(
      'claire.moreau: write access to Acme payments database for 2 h',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));

    expect(
      await screen.findByText(
        'Approved: claire.moreau: write access to Acme payments database for 2 h',
      ),
    ).toBeInTheDocument();
    // The second approval: granted, and gone from the inbox once it is loaded again
    expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
    expect(backend.requests.actions).toEqual([{ id: 'req-7', verb: 'approve', body: {} }]);
    expect(backend.state.requests.find(r => r.id === 'req-7')?.state).toBe('active');
  });

  it('denies only with a comment', async () => {
    const backend = approvalsBackend();
    await renderAccessPage('/access?tab=approvals');
    await userEvent.click(within(await findPendingCard()).getByRole('button', { name: 'Deny' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deny this request?' });
    const deny = within(dialog).getByRole('button', { name: 'Deny' });
    expect(deny).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Comment' }), ' no ');
    expect(deny).toBeDisabled();
    expect(within(dialog).getByText(/Required, at least 3 characters/)).toBeInTheDocument();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Comment' }));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'No incident open',
    );
    expect(deny).toBeEnabled();
    await userEvent.click(deny);
    expect(await screen.findByText(/^Denied: claire\.moreau/)).toBeInTheDocument();
    expect(backend.requests.actions).toEqual([
      { id: 'req-7', verb: 'deny', body: { comment: 'No incident open' } },
    ]);
  });

  it.each([
    [409, 'request req-7 was already decided', { state: 'approved', actions: [] }],
    [403, 'you cannot approve your own request', { actions: [] }],
  ] as Array<[number, string, Partial<AccessRequest>]>)(
    'shows the %s refusal of the backend and reloads',
    async (status, message, after) => {
      const backend = approvalsBackend();
      server.use(
        http.post(`${CONCIERGE_BASE_URL}/requests/:id/approve`, ({ request }) => {
          // What the backend knows that the page did not: it drops out of the inbox.
          backend.state.requests = backend.state.requests.map(r =>
            r.id === 'req-7' ? { ...r, ...after } : r,
          );
          return errorResponse(
            request,
            status,
            status === 403 ? 'NotAllowedError' : 'ConflictError',
            message,
          );
        }),
      );
      await renderAccessPage('/access?tab=approvals');
      await userEvent.click(
        within(await findPendingCard()).getByRole('button', { name: 'Approve' }),
      );
      await userEvent.click(
        within(await screen.findByRole('dialog')).getByRole('button', { name: 'Approve' }),
      );
      expect(await screen.findByRole('alert', { name: 'Decision failed' })).toHaveTextContent(
        message,
      );
      expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
    },
  );

  it('lists break-glass grants awaiting review and reviews them with a comment', async () => {
    const backend = approvalsBackend([]);
    await renderAccessPage('/access?tab=approvals');
    expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('review-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('claire.moreau');
    expect(rows[0]).toHaveTextContent('Payments are down');

    await userEvent.click(within(rows[0]).getByRole('button', { name: 'Review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review this break-glass grant' });
    const confirm = within(dialog).getByRole('button', { name: 'Mark reviewed' });
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Justified: INC-4821',
    );
    await userEvent.click(confirm);
    expect(await screen.findByText(/^Reviewed: claire\.moreau/)).toBeInTheDocument();
    expect(backend.requests.actions).toEqual([
      { id: 'req-9', verb: 'review', body: { comment: 'Justified: INC-4821' } },
    ]);
    // Reviewed: no longer waiting
    await waitFor(() => expect(screen.queryAllByTestId('review-row')).toHaveLength(0));
  });

  it('marks a break-glass review that is past due as overdue', async () => {
    const late = activeGrant({
      ...brokeGlass,
      id: 'req-10',
      justification: 'Refunds stuck since the night',
      reviewDueAt: inMinutes(-30),
      reviewOverdueAt: inMinutes(-29),
    });
    approvalsBackend([], [brokeGlass, late]);
    await renderAccessPage('/access?tab=approvals');
    const rows = await screen.findAllByTestId('review-row');
    expect(rows).toHaveLength(2);
    const [onTime, overdue] = rows;
    expect(overdue).toHaveTextContent('Refunds stuck since the night');
    expect(within(overdue).getByText('Overdue')).toBeInTheDocument();
    expect(within(onTime).queryByText('Overdue')).not.toBeInTheDocument();
  });

  it('opens the details of a request to decide', async () => {
    approvalsBackend();
    await renderAccessPage('/access?tab=approvals');
    await userEvent.click(within(await findPendingCard()).getByRole('button', { name: 'Details' }));
    const dialog = await screen.findByRole('dialog', { name: /access to Acme payments database/ });
    expect(await within(dialog).findByText('sofia.martin approved: “Fine by me”')).toBeInTheDocument();
  });

  it('says when nothing waits for a decision', async () => {
    approvalsBackend([], []);
    await renderAccessPage('/access?tab=approvals');
    expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Break-glass grants awaiting review' }),
    ).not.toBeInTheDocument();
  });
});
