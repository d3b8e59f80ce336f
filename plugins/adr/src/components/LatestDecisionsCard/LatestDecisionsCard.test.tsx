import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { rootRouteRef } from '../../routes';
import { detail, details, ID_4, ledgerRecord } from '../../__testUtils__/fixtures';
import { serveAdrBackend } from '../../__testUtils__/handlers';
import { adrApi, setupAdrServer } from '../../__testUtils__/testApis';
import { LatestDecisionsCard } from './LatestDecisionsCard';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const server = setupAdrServer();

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

function renderCard() {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <LatestDecisionsCard />
    </EntityProvider>,
    {
      mountedRoutes: {
        '/decisions': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      apis: [adrApi()],
    },
  );
}

describe('<LatestDecisionsCard />', () => {
  it("shows the entity's latest records, newest first, with a link to the tab", async () => {
    serveAdrBackend(server, { records: [...details().reverse(), ledgerRecord()] });
    await renderCard();
    const link = await screen.findByRole('link', {
      name: 'ADR-0004: Publish payment events through a transactional outbox',
    });
    expect(link).toHaveAttribute('href', `/decisions/${ID_4}`);
    const item = link.closest('li')!;
    expect(within(item as HTMLElement).getByText('accepted')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map(li => li.textContent)).toEqual([
      expect.stringContaining('ADR-0004'),
      expect.stringContaining('ADR-0002'),
      expect.stringContaining('ADR-0001'),
    ]);
    expect(screen.getByRole('link', { name: /All decisions/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/decisions',
    );
  });

  it('shows five records at most, and how many there are in all', async () => {
    const many = [1, 2, 3, 4, 5, 6, 7].map(n =>
      detail({
        id: String(n).repeat(40),
        number: n,
        title: `Decision ${n}`,
        date: `2025-0${n}-01`,
        links: [],
      }),
    );
    serveAdrBackend(server, { records: many });
    await renderCard();
    await screen.findByRole('link', { name: 'ADR-0007: Decision 7' });
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
    expect(screen.queryByRole('link', { name: 'ADR-0002: Decision 2' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All 7 decisions/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/decisions',
    );
  });
});
