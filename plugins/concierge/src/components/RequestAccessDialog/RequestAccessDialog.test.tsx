import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AccessLevel, IDEMPOTENCY_KEY_HEADER } from '@souverain/plugin-concierge-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { useState } from 'react';
import { rootRouteRef } from '../../routes';
import { preview, RESOURCE_REF } from '../../__testUtils__/fixtures';
import {
  CONCIERGE_BASE_URL,
  ConciergeBackend,
  errorResponse,
  serveConciergeBackend,
} from '../../__testUtils__/handlers';
import { conciergeApi, setupConciergeServer } from '../../__testUtils__/testApis';
import { RequestAccessDialog } from './RequestAccessDialog';

// Full dialogs rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const server = setupConciergeServer();

/**
 * A backend with the policy of acme-payments-db: read needs an approval, write is approved
 * automatically, admin may break glass. `previewCalls` lists what the dialog asked about.
 */
function serveBackend(): ConciergeBackend & { previewCalls: string[] } {
  const previewCalls: string[] = [];
  const backend = serveConciergeBackend(server, {
    preview: (resourceRef: string, accessLevel: AccessLevel) => {
      previewCalls.push(`${resourceRef} ${accessLevel}`);
      if (accessLevel === 'write') {
        return preview({ accessLevel, policy: 'staging-write', approvals: 0, maxDurationMinutes: 480 });
      }
      if (accessLevel === 'admin') {
        return preview({ accessLevel, breakGlassAllowed: true, breakGlassMaxMinutes: 60 });
      }
      return preview({ accessLevel });
    },
  });
  return { ...backend, previewCalls };
}

/** The page's "Request access" button and the dialog it opens. */
function Harness(props: { onCreated: jest.Mock }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Open the form</button>
      <RequestAccessDialog
        open={open}
        resourceRef={RESOURCE_REF}
        resourceTitle="Acme payments database"
        onClose={() => setOpen(false)}
        onCreated={request => {
          setOpen(false);
          props.onCreated(request);
        }}
      />
    </>
  );
}

async function renderDialog(onCreated = jest.fn()) {
  await renderInTestApp(<Harness onCreated={onCreated} />, {
    apis: [conciergeApi()],
    mountedRoutes: { '/access': rootRouteRef },
  });
  await userEvent.click(screen.getByRole('button', { name: 'Open the form' }));
  return { onCreated, dialog: await screen.findByRole('dialog') };
}

function durationButton(label: string) {
  return within(screen.getByRole('group', { name: 'Duration' })).getByRole('button', {
    name: label,
  });
}

describe('<RequestAccessDialog />', () => {
  it('shows what the policy says for each level and greys durations over its maximum', async () => {
    const { previewCalls } = serveBackend();
    const { dialog } = await renderDialog();
    expect(
      within(dialog).getByText('Request access to Acme payments database'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Needs 1 approval from payments-team or security-team, up to 4 h'),
    ).toBeInTheDocument();
    expect(screen.getByText('production-databases')).toBeInTheDocument();
    expect(durationButton('4 h')).toBeEnabled();
    expect(durationButton('8 h')).toBeDisabled();
    expect(screen.getByText('Longer durations are over the maximum of 4 h.')).toBeInTheDocument();
    // No break glass under this policy
    expect(screen.queryByRole('checkbox', { name: /Break glass/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Write' }));
    expect(await screen.findByText('Approved automatically, up to 8 h')).toBeInTheDocument();
    expect(durationButton('8 h')).toBeEnabled();
    expect(previewCalls).toEqual([`${RESOURCE_REF} read`, `${RESOURCE_REF} write`]);
  });

  it('sends the request once, with an idempotency key, even on a double click', async () => {
    const calls = serveBackend().requests.creates;
    const { onCreated } = await renderDialog();
    await screen.findByText(/Needs 1 approval/);
    await userEvent.click(durationButton('2 h'));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Justification' }),
      '  Investigate duplicated captures  ',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Ticket (optional)' }), 'INC-4821');
    await userEvent.dblClick(screen.getByRole('button', { name: 'Request access' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toEqual({
      resourceRef: RESOURCE_REF,
      accessLevel: 'read',
      durationMinutes: 120,
      justification: 'Investigate duplicated captures',
      ticket: 'INC-4821',
      breakGlass: false,
    });
    expect(calls[0].idempotencyKey).toMatch(UUID);
    expect(onCreated.mock.calls[0][0]).toMatchObject({ id: 'req-1', state: 'pending' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('asks for a justification before sending anything', async () => {
    const calls = serveBackend().requests.creates;
    await renderDialog();
    await screen.findByText(/Needs 1 approval/);
    await userEvent.click(screen.getByRole('button', { name: 'Request access' }));
    expect(
      await screen.findByText('Say why you need this access, in at least 10 characters.'),
    ).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("shows the backend's refusal in the dialog, retries with the same key, and a new opening gets a new one", async () => {
    serveBackend();
    // The policy changed since the dialog asked: every try is refused
    const calls: Array<{ idempotencyKey: string | null }> = [];
    server.use(
      http.post(`${CONCIERGE_BASE_URL}/requests`, ({ request }) => {
        calls.push({ idempotencyKey: request.headers.get(IDEMPOTENCY_KEY_HEADER) });
        return errorResponse(
          request,
          400,
          'InputError',
          'duration 600 minutes is over the policy maximum of 480 minutes',
        );
      }),
    );
    const { onCreated } = await renderDialog();
    await screen.findByText(/Needs 1 approval/);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Justification' }),
      'Month-end closing',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Request access' }));

    const refusal = await screen.findByRole('alert', { name: 'Request not sent' });
    expect(refusal).toHaveTextContent(
      'duration 600 minutes is over the policy maximum of 480 minutes',
    );
    expect(onCreated).not.toHaveBeenCalled();
    // The form keeps what was typed, and a retry is the same request to the backend
    expect(screen.getByRole('textbox', { name: 'Justification' })).toHaveValue('Month-end closing');
    await userEvent.click(screen.getByRole('button', { name: 'Request access' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].idempotencyKey).toBe(calls[0].idempotencyKey);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await userEvent.click(screen.getByRole('button', { name: 'Open the form' }));
    await screen.findByText(/Needs 1 approval/);
    // A fresh form, a fresh key
    expect(screen.getByRole('textbox', { name: 'Justification' })).toHaveValue('');
    expect(screen.queryByRole('alert', { name: 'Request not sent' })).not.toBeInTheDocument();
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Justification' }),
      'Month-end closing',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Request access' }));
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[2].idempotencyKey).toMatch(UUID);
    expect(calls[2].idempotencyKey).not.toBe(calls[0].idempotencyKey);
  });

  it('offers break glass when the policy allows it, capped to its own maximum', async () => {
    const calls = serveBackend().requests.creates;
    const { onCreated } = await renderDialog();
    await userEvent.click(await screen.findByRole('radio', { name: 'Admin' }));
    const breakGlass = await screen.findByRole('checkbox', { name: 'Break glass (emergency)' });
    expect(
      screen.getByText(
        /Granted at once, without waiting for approval, for up to 1 h\. The security team is notified and the grant must be reviewed within 24 h\./,
      ),
    ).toBeInTheDocument();
    await userEvent.click(durationButton('4 h'));
    await userEvent.click(breakGlass);
    // 4 h is over the break-glass maximum: the longest allowed duration is chosen instead
    expect(durationButton('2 h')).toBeDisabled();
    expect(durationButton('1 h')).toHaveAttribute('aria-pressed', 'true');
    await userEvent.type(screen.getByRole('textbox', { name: 'Justification' }), 'Payments down');
    await userEvent.click(screen.getByRole('button', { name: 'Break glass' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(onCreated.mock.calls[0][0]).toMatchObject({ state: 'active', breakGlass: true });
    expect(calls[0].body).toMatchObject({
      accessLevel: 'admin',
      durationMinutes: 60,
      breakGlass: true,
    });
  });

  it('says when no policy allows the level, and does not let the user send', async () => {
    serveBackend();
    server.use(
      http.get(`${CONCIERGE_BASE_URL}/preview`, ({ request }) =>
        errorResponse(
          request,
          403,
          'NotAllowedError',
          'no access policy allows admin access to acme-payments-db',
        ),
      ),
    );
    await renderDialog();
    const policy = await screen.findByRole('alert', { name: 'Access policy' });
    expect(policy).toHaveTextContent('no access policy allows admin access to acme-payments-db');
    expect(screen.getByRole('button', { name: 'Request access' })).toBeDisabled();
  });
});
