import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { isResourceEntity } from '../../extensions';
import { rootRouteRef } from '../../routes';
import {
  accessRequest,
  activeGrant,
  preview,
  RESOURCE_REF,
  SOFIA,
} from '../../__testUtils__/fixtures';
import {
  CONCIERGE_BASE_URL,
  errorResponse,
  serveConciergeBackend,
} from '../../__testUtils__/handlers';
import {
  conciergeApi,
  conciergeClient,
  setupConciergeServer,
} from '../../__testUtils__/testApis';
import { EntityAccessCard } from './EntityAccessCard';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const server = setupConciergeServer();

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'acme-payments-db', namespace: 'default', title: 'Acme payments database' },
  spec: { type: 'database', owner: 'payments-team' },
};

async function renderCard(client = conciergeClient()) {
  await renderInTestApp(
    <EntityProvider entity={resource}>
      <EntityAccessCard />
    </EntityProvider>,
    {
      mountedRoutes: {
        '/access': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      apis: [conciergeApi(client)],
    },
  );
  return client;
}

describe('<EntityAccessCard />', () => {
  it('lists who holds access now, at what level and for how long', async () => {
    serveConciergeBackend(server, {
      requests: [
        activeGrant(),
        activeGrant({ id: 'req-5', requester: SOFIA, accessLevel: 'read', breakGlass: true }),
        // Neither active nor on this resource: not listed
        accessRequest({ id: 'req-6', requester: SOFIA }),
        activeGrant({ id: 'req-8', resourceRef: 'resource:default/ledger-db' }),
      ],
    });
    await renderCard();
    const grants = await screen.findByRole('list', { name: 'Active grants' });
    const items = within(grants).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('thomas.petit');
    expect(items[0]).toHaveTextContent('write');
    expect(within(items[0]).getByText(/^1 h (29|30) min left$/)).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('sofia.martin');
    expect(items[1]).toHaveTextContent('break glass');
    expect(screen.getByRole('link', { name: /My requests and approvals/ })).toHaveAttribute(
      'href',
      '/access',
    );
  });

  it('says when no one has access', async () => {
    serveConciergeBackend(server);
    await renderCard();
    expect(await screen.findByText('No one has access right now.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request access' })).toBeEnabled();
  });

  it('requests access and says where the request stands', async () => {
    const backend = serveConciergeBackend(server);
    await renderCard();
    await userEvent.click(await screen.findByRole('button', { name: 'Request access' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Request access to Acme payments database',
    });
    expect(
      await within(dialog).findByText(
        'Needs 1 approval from payments-team or security-team, up to 4 h',
      ),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Justification' }),
      'Investigate INC-4821',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request access' }));

    const outcome = await screen.findByRole('alert', { name: 'Request sent' });
    expect(outcome).toHaveTextContent('Request pending: needs 1 approval.');
    expect(
      within(outcome).getByRole('link', { name: 'Follow it on the Access page' }),
    ).toHaveAttribute('href', '/access');
    expect(backend.requests.creates).toEqual([
      {
        body: {
          resourceRef: RESOURCE_REF,
          accessLevel: 'read',
          durationMinutes: 60,
          justification: 'Investigate INC-4821',
          breakGlass: false,
        },
        idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Pending: no one has access yet
    expect(screen.getByText('No one has access right now.')).toBeInTheDocument();
  });

  it('shows an automatic approval at once', async () => {
    serveConciergeBackend(server, {
      preview: (_ref, accessLevel) => preview({ accessLevel, policy: 'staging', approvals: 0 }),
    });
    await renderCard();
    await userEvent.click(await screen.findByRole('button', { name: 'Request access' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText(/Approved automatically/);
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Justification' }),
      'Check the staging copy',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request access' }));
    // The grants are loaded again: the new one shows
    const grants = await screen.findByRole('list', { name: 'Active grants' });
    expect(within(grants).getAllByRole('listitem')).toHaveLength(1);
    expect(grants).toHaveTextContent('thomas.petit');
  });

  it('disables the button for those who may not ask', async () => {
    serveConciergeBackend(server, { permissions: { create: false, auditRead: false } });
    await renderCard();
    expect(await screen.findByText('You are not allowed to request access.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request access' })).toBeDisabled();
  });

  it('shows the error of the API', async () => {
    serveConciergeBackend(server);
    server.use(
      http.get(`${CONCIERGE_BASE_URL}/requests`, ({ request }) =>
        errorResponse(request, 503, 'ServiceUnavailableError', 'concierge unavailable'),
      ),
    );
    await renderCard();
    expect(
      await screen.findByText('Error: Request failed with 503 Service Unavailable', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('concierge unavailable')).toBeInTheDocument();
  });
});

describe('<EntityAccessCard /> acting as a demo user', () => {
  it('offers to act as the signed-in user again when the backend refuses the demo user', async () => {
    // Outside the local demo: acting as Sofia is refused
    serveConciergeBackend(server);
    const client = conciergeClient();
    client.setActingUser(SOFIA);
    await renderCard(client);
    expect(
      await screen.findByText('Acting as another user is only possible in the local demo'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Act as yourself' }));
    expect(await screen.findByText('No one has access right now.')).toBeInTheDocument();
    expect(client.getActingUser()).toBeUndefined();
  });
});

describe('isResourceEntity', () => {
  it('shows the card on resources only', () => {
    expect(isResourceEntity(resource)).toBe(true);
    expect(isResourceEntity({ ...resource, kind: 'resource' })).toBe(true);
    expect(isResourceEntity({ ...resource, kind: 'Component' })).toBe(false);
  });
});
