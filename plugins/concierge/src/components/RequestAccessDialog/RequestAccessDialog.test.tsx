import { registerMswTestHooks, renderInTestApp } from '@backstage/frontend-test-utils';
import { ConciergeClient, CreateAccessRequest } from '@souverain/plugin-concierge-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { conciergeApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { accessRequest, preview, RESOURCE_REF } from '../../__testUtils__/fixtures';
import { RequestAccessDialog } from './RequestAccessDialog';

// Full dialogs rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const baseUrl = 'http://localhost:7007/api/concierge';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the backend was sent on `POST /requests`. */
interface CreateCall {
  body: CreateAccessRequest;
  idempotencyKey: string | null;
}

const server = setupServer();
registerMswTestHooks(server);

/** The policy of acme-payments-db: read and write need an approval, admin may break glass. */
function servePreview() {
  const previewCalls: string[] = [];
  server.use(
    http.get(`${baseUrl}/preview`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const accessLevel = params.get('accessLevel') as 'read' | 'write' | 'admin';
      previewCalls.push(`${params.get('resourceRef')} ${accessLevel}`);
      if (accessLevel === 'write') {
        return HttpResponse.json(
          preview({ accessLevel, policy: 'staging-write', approvals: 0, maxDurationMinutes: 480 }),
        );
      }
      if (accessLevel === 'admin') {
        return HttpResponse.json(
          preview({ accessLevel, breakGlassAllowed: true, breakGlassMaxMinutes: 60 }),
        );
      }
      return HttpResponse.json(preview({ accessLevel }));
    }),
  );
  return previewCalls;
}

/** Answers `POST /requests` with `answer`, recording what was sent. */
function serveCreate(
  answer: (call: CreateCall) => Response = () =>
    HttpResponse.json(accessRequest(), { status: 201 }),
) {
  const calls: CreateCall[] = [];
  server.use(
    http.post(`${baseUrl}/requests`, async ({ request }) => {
      const call = {
        body: (await request.json()) as CreateAccessRequest,
        idempotencyKey: request.headers.get('Idempotency-Key'),
      };
      calls.push(call);
      return answer(call);
    }),
  );
  return calls;
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
  const api = new ConciergeClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  await renderInTestApp(<Harness onCreated={onCreated} />, {
    apis: [[conciergeApiRef, api]],
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
    const previewCalls = servePreview();
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
    servePreview();
    const calls = serveCreate(({ body }) =>
      HttpResponse.json(accessRequest({ ...body, breakGlass: false }), { status: 201 }),
    );
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
    servePreview();
    const calls = serveCreate();
    await renderDialog();
    await screen.findByText(/Needs 1 approval/);
    await userEvent.click(screen.getByRole('button', { name: 'Request access' }));
    expect(
      await screen.findByText('Say why you need this access, in at least 10 characters.'),
    ).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("shows the backend's refusal in the dialog, retries with the same key, and a new opening gets a new one", async () => {
    servePreview();
    const calls = serveCreate(() =>
      HttpResponse.json(
        {
          error: {
            name: 'InputError',
            message: 'duration 600 minutes is over the policy maximum of 480 minutes',
          },
          request: { method: 'POST', url: '/api/concierge/requests' },
          response: { statusCode: 400 },
        },
        { status: 400 },
      ),
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
    servePreview();
    const calls = serveCreate(({ body }) =>
      HttpResponse.json(
        accessRequest({
          ...body,
          breakGlass: true,
          state: 'active',
          expiresAt: '2026-11-25T10:00:00Z',
        }),
        { status: 201 },
      ),
    );
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
    expect(calls[0].body).toMatchObject({
      accessLevel: 'admin',
      durationMinutes: 60,
      breakGlass: true,
    });
  });

  it('says when no policy allows the level, and does not let the user send', async () => {
    server.use(
      http.get(`${baseUrl}/preview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'no access policy allows admin access to acme-payments-db',
            },
            request: { method: 'GET', url: '/api/concierge/preview' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderDialog();
    const policy = await screen.findByRole('alert', { name: 'Access policy' });
    expect(policy).toHaveTextContent('no access policy allows admin access to acme-payments-db');
    expect(screen.getByRole('button', { name: 'Request access' })).toBeDisabled();
  });
});
