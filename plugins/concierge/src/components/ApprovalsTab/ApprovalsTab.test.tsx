import { AccessRequestQuery } from '@souverain/plugin-concierge-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  accessRequest,
  activeGrant,
  CLAIRE,
  inMinutes,
  mockConciergeApi,
  responseError,
  SOFIA,
} from '../../__testUtils__/fixtures';
import { renderAccessPage } from '../../__testUtils__/renderAccessPage';

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

/** An API whose inbox holds `inbox` and whose reviewable grants (filtered by the backend) are `reviewable`. */
function approvalsApi(inbox = [asked], reviewable = [brokeGlass]) {
  return mockConciergeApi({
    list: jest.fn(async (query?: AccessRequestQuery) => {
      const items = query?.inbox ? inbox : reviewable;
      return { items, totalCount: items.length };
    }),
  });
}

async function findPendingCard() {
  return screen.findByRole('article', { name: 'Request of claire.moreau for acme-payments-db' });
}

describe('<AccessPage /> Approvals', () => {
  it('shows who asks for what, why, and the approvals so far', async () => {
    const api = approvalsApi();
    await renderAccessPage('/access?tab=approvals', api);
    const card = await findPendingCard();
    expect(card).toHaveTextContent(
      'claire.moreau asks for write access to Acme payments database for 2 h',
    );
    expect(within(card).getByText('Replay the failed captures of 24 November')).toBeInTheDocument();
    expect(within(card).getByText('INC-4821')).toBeInTheDocument();
    expect(card).toHaveTextContent('1 of 2 approvals');
    expect(within(card).getByText('sofia.martin approved: “Fine by me”')).toBeInTheDocument();
    expect(within(card).queryByText('break glass')).not.toBeInTheDocument();
    expect(api.list).toHaveBeenCalledWith({ inbox: true });
    expect(screen.getByRole('tab', { name: 'Approvals', selected: true })).toBeInTheDocument();
  });

  it('flags break-glass requests', async () => {
    await renderAccessPage(
      '/access?tab=approvals',
      approvalsApi([{ ...asked, breakGlass: true }], []),
    );
    expect(within(await findPendingCard()).getByText('break glass')).toBeInTheDocument();
  });

  it('approves with an optional comment, then reloads the inbox', async () => {
    const api = approvalsApi();
    await renderAccessPage('/access?tab=approvals', api);
    await userEvent.click(within(await findPendingCard()).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve this request?' });
    expect(dialog).toHaveTextContent(
      'claire.moreau: write access to Acme payments database for 2 h',
    );
    api.list.mockResolvedValue({ items: [], totalCount: 0 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));

    expect(api.approve).toHaveBeenCalledWith('req-7', undefined);
    expect(
      await screen.findByText(
        'Approved: claire.moreau: write access to Acme payments database for 2 h',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
    expect(api.list.mock.calls.filter(([q]) => q?.inbox)).toHaveLength(2);
  });

  it('denies only with a comment', async () => {
    const api = approvalsApi();
    await renderAccessPage('/access?tab=approvals', api);
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
    expect(api.deny).toHaveBeenCalledWith('req-7', 'No incident open');
    expect(await screen.findByText(/^Denied: claire\.moreau/)).toBeInTheDocument();
  });

  it.each([
    [409, 'request req-7 was already decided'],
    [403, 'you cannot approve your own request'],
  ])('shows the %s refusal of the backend and reloads', async (status, message) => {
    const api = approvalsApi();
    api.approve.mockRejectedValue(await responseError(status, message));
    await renderAccessPage('/access?tab=approvals', api);
    await userEvent.click(within(await findPendingCard()).getByRole('button', { name: 'Approve' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Approve' }),
    );
    expect(await screen.findByRole('alert', { name: 'Decision failed' })).toHaveTextContent(
      message,
    );
    await waitFor(() => expect(api.list.mock.calls.filter(([q]) => q?.inbox)).toHaveLength(2));
  });

  it('lists break-glass grants awaiting review and reviews them with a comment', async () => {
    const api = approvalsApi([]);
    await renderAccessPage('/access?tab=approvals', api);
    expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('review-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('claire.moreau');
    expect(rows[0]).toHaveTextContent('Payments are down');
    expect(api.list).toHaveBeenCalledWith({ review: true });

    await userEvent.click(within(rows[0]).getByRole('button', { name: 'Review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review this break-glass grant' });
    const confirm = within(dialog).getByRole('button', { name: 'Mark reviewed' });
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Justified: INC-4821',
    );
    await userEvent.click(confirm);
    expect(api.review).toHaveBeenCalledWith('req-9', 'Justified: INC-4821');
    expect(await screen.findByText(/^Reviewed: claire\.moreau/)).toBeInTheDocument();
  });

  it('marks a break-glass review that is past due as overdue', async () => {
    const late = activeGrant({
      ...brokeGlass,
      id: 'req-10',
      justification: 'Refunds stuck since the night',
      reviewDueAt: inMinutes(-30),
      reviewOverdueAt: inMinutes(-29),
    });
    await renderAccessPage('/access?tab=approvals', approvalsApi([], [brokeGlass, late]));
    const rows = await screen.findAllByTestId('review-row');
    expect(rows).toHaveLength(2);
    const [onTime, overdue] = rows;
    expect(overdue).toHaveTextContent('Refunds stuck since the night');
    expect(within(overdue).getByText('Overdue')).toBeInTheDocument();
    expect(within(onTime).queryByText('Overdue')).not.toBeInTheDocument();
  });

  it('opens the details of a request to decide', async () => {
    const api = approvalsApi();
    await renderAccessPage('/access?tab=approvals', api);
    await userEvent.click(within(await findPendingCard()).getByRole('button', { name: 'Details' }));
    expect(
      await screen.findByRole('dialog', { name: /access to Acme payments database/ }),
    ).toBeInTheDocument();
    expect(api.get).toHaveBeenCalledWith('req-7');
  });

  it('says when nothing waits for a decision', async () => {
    await renderAccessPage('/access?tab=approvals', approvalsApi([], []));
    expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Break-glass grants awaiting review' }),
    ).not.toBeInTheDocument();
  });
});
