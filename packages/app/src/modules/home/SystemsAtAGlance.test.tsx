import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { SystemsAtAGlance, summariseSystems } from './SystemsAtAGlance';

const entity = (kind: string, name: string, spec: object = {}, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec,
});

const domains = [entity('Domain', 'payments', {}, 'Payments'), entity('Domain', 'identity')];
const systems = [
  entity('System', 'ledger', { domain: 'payments', owner: 'group:finance-team' }, 'Ledger'),
  entity('System', 'payments', { domain: 'domain:default/payments', owner: 'payments-team' }, 'Payments'),
  entity('System', 'identity', { domain: 'identity' }),
  entity('System', 'orphan', {}),
];
const components = [
  entity('Component', 'payments-api', { system: 'payments' }),
  entity('Component', 'settlement-worker', { system: 'system:default/payments' }),
  entity('Component', 'ledger-service', { system: 'ledger' }),
  entity('Component', 'lonely', {}),
];

describe('summariseSystems', () => {
  it('groups systems by domain title and counts components however their refs are written', () => {
    const summary = summariseSystems(systems, components, domains);
    expect([...summary.keys()]).toEqual(['identity', 'No domain', 'Payments']);
    expect(summary.get('Payments')!.map(s => [s.title, s.components])).toEqual([
      ['Ledger', 1],
      ['Payments', 2],
    ]);
    expect(summary.get('identity')![0].components).toBe(0);
    // An owner written without kind or namespace is completed into a full ref.
    expect(summary.get('Payments')![1].owner).toBe('group:default/payments-team');
  });
});

describe('<SystemsAtAGlance />', () => {
  const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

  it('shows each domain with its systems, owners and component counts', async () => {
    await renderInTestApp(<SystemsAtAGlance />, {
      mountedRoutes,
      apis: [[catalogApiRef, catalogApiMock({ entities: [...domains, ...systems, ...components] })]],
    });
    expect(await screen.findByText('Payments', { selector: '.MuiCardHeader-title' })).toBeInTheDocument();
    const rows = await screen.findAllByTestId('system-summary');
    expect(rows.map(r => r.textContent)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Payments2 components.*payments-team/),
        expect.stringMatching(/Ledger1 component.*finance-team/),
      ]),
    );
  });

  it('explains what to do when the catalog holds no system', async () => {
    await renderInTestApp(<SystemsAtAGlance />, {
      mountedRoutes,
      apis: [[catalogApiRef, catalogApiMock({ entities: components })]],
    });
    expect(await screen.findByText('No systems in the catalog yet')).toBeInTheDocument();
  });

  it('shows the error when the catalog cannot be reached', async () => {
    const failing = catalogApiMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
    });
    await renderInTestApp(<SystemsAtAGlance />, {
      mountedRoutes,
      apis: [[catalogApiRef, failing]],
    });
    expect(await screen.findByText('Error: catalog is down', { selector: 'h6' })).toBeInTheDocument();
  });
});
