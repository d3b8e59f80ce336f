import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { rootRouteRef } from '../../routes';
import { details, ledgerRecord, PAYMENTS_API } from '../../__testUtils__/fixtures';
import { serveAdrBackend } from '../../__testUtils__/handlers';
import { adrApi, setupAdrServer } from '../../__testUtils__/testApis';
import { EntityDecisionsContent } from './EntityDecisionsContent';

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

describe('<EntityDecisionsContent />', () => {
  it("lists the entity's records and shows its files that could not be parsed", async () => {
    serveAdrBackend(server, {
      records: [...details(), ledgerRecord({ status: 'accepted' })],
      problems: [
        {
          entityRef: PAYMENTS_API,
          path: '0006-broken.md',
          url: 'file:///srv/examples/adr/payments-api/0006-broken.md',
          severity: 'error',
          message: 'Front matter is not valid YAML (line 2)',
          detectedAt: '2026-01-01T10:00:00.000Z',
        },
        {
          entityRef: 'component:default/ledger-service',
          path: '0009-empty.md',
          url: 'file:///srv/examples/adr/ledger-service/0009-empty.md',
          severity: 'warning',
          message: 'The file is empty',
          detectedAt: '2026-01-01T10:00:00.000Z',
        },
      ],
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityDecisionsContent />
      </EntityProvider>,
      {
        mountedRoutes: {
          '/decisions': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
        initialRouteEntries: ['/catalog/default/component/payments-api/decisions?status=accepted'],
        apis: [adrApi(), mockApis.permission({ authorize: 'DENY' as never })],
      },
    );
    const problems = await screen.findByRole('alert', { name: 'Problems in the decision records' });
    expect(problems).toHaveTextContent('1 problem in the decision records');
    expect(problems).toHaveTextContent('0006-broken.md: Front matter is not valid YAML (line 2)');
    // The accepted records of this entity only: not the ledger's, not the superseded one
    const rows = await screen.findAllByTestId('decision-row');
    expect(rows.map(row => within(row).getByText(/^ADR-\d{4}$/).textContent)).toEqual([
      'ADR-0004',
      'ADR-0001',
    ]);
    expect(screen.queryByText('Keep a double-entry ledger')).not.toBeInTheDocument();
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
