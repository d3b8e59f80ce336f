import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { conciergeApiRef } from '../../api';
import { isResourceEntity } from '../../plugin';
import { rootRouteRef } from '../../routes';
import {
  activeGrant,
  identity,
  mockConciergeApi,
  RESOURCE_REF,
  responseError,
  SOFIA,
} from '../../__testUtils__/fixtures';
import { EntityAccessCard } from './EntityAccessCard';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'acme-payments-db', namespace: 'default', title: 'Acme payments database' },
  spec: { type: 'database', owner: 'payments-team' },
};

function renderCard(api = mockConciergeApi()) {
  return renderInTestApp(
    <EntityProvider entity={resource}>
      <EntityAccessCard />
    </EntityProvider>,
    {
      mountedRoutes: {
        '/access': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      apis: [[conciergeApiRef, api]],
    },
  );
}

describe('<EntityAccessCard />', () => {
  it('lists who holds access now, at what level and for how long', async () => {
    const api = mockConciergeApi({
      list: jest.fn(async () => ({
        items: [
          activeGrant(),
          activeGrant({ id: 'req-5', requester: SOFIA, accessLevel: 'read', breakGlass: true }),
        ],
        totalCount: 2,
      })),
    });
    await renderCard(api);
    const grants = await screen.findByRole('list', { name: 'Active grants' });
    const items = within(grants).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('thomas.petit');
    expect(items[0]).toHaveTextContent('write');
    expect(within(items[0]).getByText(/^1 h (29|30) min left$/)).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('sofia.martin');
    expect(items[1]).toHaveTextContent('break glass');
    expect(api.list).toHaveBeenCalledWith({ resourceRef: RESOURCE_REF, state: ['active'] });
    expect(screen.getByRole('link', { name: /My requests and approvals/ })).toHaveAttribute(
      'href',
      '/access',
    );
  });

  it('says when no one has access', async () => {
    await renderCard();
    expect(await screen.findByText('No one has access right now.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request access' })).toBeEnabled();
  });

  it('requests access and says where the request stands', async () => {
    const api = mockConciergeApi();
    await renderCard(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Request access' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Request access to Acme payments database',
    });
    expect(
      await within(dialog).findByText(
        'Needs 1 approval from payments-team or security-team, up to 4 h',
      ),
    ).toBeInTheDocument();
    expect(api.preview).toHaveBeenCalledWith(RESOURCE_REF, 'read');
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
    expect(api.create).toHaveBeenCalledWith(
      {
        resourceRef: RESOURCE_REF,
        accessLevel: 'read',
        durationMinutes: 60,
        justification: 'Investigate INC-4821',
        breakGlass: false,
      },
      { idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The grants are loaded again: an automatic approval shows at once
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('disables the button for those who may not ask', async () => {
    const api = mockConciergeApi({
      whoami: jest.fn(async () => identity({ permissions: { create: false, auditRead: false } })),
    });
    await renderCard(api);
    expect(await screen.findByText('You are not allowed to request access.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request access' })).toBeDisabled();
  });

  it('shows the error of the API', async () => {
    const api = mockConciergeApi({
      list: jest.fn().mockRejectedValue(new Error('concierge unavailable')),
    });
    await renderCard(api);
    expect(
      await screen.findByText('Error: concierge unavailable', { selector: 'h6' }),
    ).toBeInTheDocument();
  });
});

describe('<EntityAccessCard /> acting as a demo user', () => {
  it('offers to act as the signed-in user again when the backend refuses the demo user', async () => {
    const api = mockConciergeApi();
    api.setActingUser(SOFIA);
    const refusal = await responseError(
      403,
      'Acting as another user is only possible in the local demo',
      'NotAllowedError',
    );
    api.list.mockImplementation(async () => {
      if (api.getActingUser()) throw refusal;
      return { items: [], totalCount: 0 };
    });
    await renderCard(api);
    expect(
      await screen.findByText('Acting as another user is only possible in the local demo'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Act as yourself' }));
    expect(await screen.findByText('No one has access right now.')).toBeInTheDocument();
    expect(api.getActingUser()).toBeUndefined();
  });
});

describe('isResourceEntity', () => {
  it('shows the card on resources only', () => {
    expect(isResourceEntity(resource)).toBe(true);
    expect(isResourceEntity({ ...resource, kind: 'resource' })).toBe(true);
    expect(isResourceEntity({ ...resource, kind: 'Component' })).toBe(false);
  });
});
