import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { adrApiRef } from '../api';
import { hasDecisions } from '../plugin';
import { rootRouteRef } from '../routes';
import { ID_4, mockAdrApi, records } from '../__testUtils__/fixtures';
import { EntityDecisionsContent } from './EntityDecisionsContent';
import { LatestDecisionsCard } from './LatestDecisionsCard';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/adr-location': '../adr/payments-api' },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const mountedRoutes = {
  '/decisions': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

describe('<EntityDecisionsContent />', () => {
  it('lists the entity records and shows the files that could not be parsed', async () => {
    const api = mockAdrApi();
    api.problems.mockResolvedValue({
      items: [
        {
          entityRef: 'component:default/payments-api',
          path: '0006-broken.md',
          url: 'file:///srv/examples/adr/payments-api/0006-broken.md',
          severity: 'error',
          message: 'Front matter is not valid YAML (line 2)',
          detectedAt: '2026-01-01T10:00:00.000Z',
        },
      ],
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityDecisionsContent />
      </EntityProvider>,
      {
        mountedRoutes,
        initialRouteEntries: ['/catalog/default/component/payments-api/decisions?status=accepted'],
        apis: [[adrApiRef, api], mockApis.permission({ authorize: 'DENY' as never })],
      },
    );
    const problems = await screen.findByRole('alert', { name: 'Problems in the decision records' });
    expect(problems).toHaveTextContent('1 problem in the decision records');
    expect(problems).toHaveTextContent('0006-broken.md: Front matter is not valid YAML (line 2)');
    expect(await screen.findAllByTestId('decision-row')).toHaveLength(3);
    expect(api.list).toHaveBeenCalledWith({
      entityRef: ['component:default/payments-api'],
      status: ['accepted'],
      limit: 25,
      offset: 0,
    });
    expect(api.problems).toHaveBeenCalledWith({ entityRef: 'component:default/payments-api' });
    // Entity columns and facets are not repeated on the entity's own tab
    expect(screen.queryByRole('columnheader', { name: 'Entity' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('System')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Record a decision' })).toHaveAttribute(
      'href',
      `/create/templates/default/new-decision-record?formData=${encodeURIComponent(
        '{"entity":"component:default/payments-api"}',
      )}`,
    );
  });
});

describe('<LatestDecisionsCard />', () => {
  it('shows the five latest records with a link to the tab', async () => {
    const api = mockAdrApi();
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <LatestDecisionsCard />
      </EntityProvider>,
      { mountedRoutes, apis: [[adrApiRef, api]] },
    );
    const link = await screen.findByRole('link', {
      name: 'ADR-0004: Publish payment events through a transactional outbox',
    });
    expect(link).toHaveAttribute('href', `/decisions/${ID_4}`);
    const item = link.closest('li')!;
    expect(within(item as HTMLElement).getByText('accepted')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(records.length);
    expect(api.list).toHaveBeenCalledWith({
      entityRef: ['component:default/payments-api'],
      sort: 'date',
      order: 'desc',
      limit: 5,
    });
    expect(screen.getByRole('link', { name: /All decisions/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/decisions',
    );
  });
});

describe('hasDecisions', () => {
  it('accepts components, systems and domains with an ADR folder only', () => {
    expect(hasDecisions(entity)).toBe(true);
    expect(hasDecisions({ ...entity, kind: 'System' })).toBe(true);
    expect(hasDecisions({ ...entity, kind: 'API' })).toBe(false);
    expect(hasDecisions({ ...entity, metadata: { name: 'x' } })).toBe(false);
  });
});
