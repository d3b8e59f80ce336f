import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { isGoldenComponent } from '../../extensions';
import { rootRouteRef } from '../../routes';
import { apiTemplate, goldenComponent, unrelated } from '../../__testUtils__/fixtures';
import { goldenServicesApi } from '../../__testUtils__/testApis';
import { GoldenTemplateCard } from './GoldenTemplateCard';

jest.setTimeout(30_000);

const mountedRoutes = {
  '/golden-services': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

function renderCard(entity = goldenComponent('payments-api', 'golden-api-service', '1.0.0')) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <GoldenTemplateCard />
    </EntityProvider>,
    {
      mountedRoutes,
      apis: [goldenServicesApi(catalogApiMock({ entities: [apiTemplate, ...unrelated] }))],
    },
  );
}

function field(label: string): HTMLElement {
  return screen.getByText(label).nextElementSibling as HTMLElement;
}

describe('<GoldenTemplateCard />', () => {
  it('shows the template, the version, the status and the changes since', async () => {
    await renderCard();
    expect(await screen.findByText('Behind by 2 versions')).toBeInTheDocument();
    expect(screen.getByText('Golden template')).toBeInTheDocument();
    expect(within(field('Template')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/template/golden-api-service',
    );
    expect(field('Created from version')).toHaveTextContent('1.0.0 (current: 1.2.0)');
    const changes = within(field('Changes since')).getByRole('list', {
      name: 'Changes payments-api is missing',
    });
    expect(
      within(changes)
        .getAllByRole('heading')
        .map(h => h.textContent),
    ).toEqual(['1.2.0 · 2026-03-02', '1.1.0 · 2026-01-20']);
    expect(within(changes).getByText('Node 22 base image')).toBeInTheDocument();
    expect(within(changes).queryByText('First release')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All golden services/ })).toHaveAttribute(
      'href',
      '/golden-services',
    );
  });

  it('says a service on the current version has nothing to catch up', async () => {
    await renderCard(goldenComponent('ledger-service', 'golden-api-service', '1.2.0'));
    expect(await screen.findByText('Up to date')).toBeInTheDocument();
    expect(field('Created from version')).toHaveTextContent(/^1\.2\.0$/);
    expect(field('Changes since')).toHaveTextContent(
      "None: the service is on the template's current version.",
    );
  });

  it('names a template that is not in the catalog', async () => {
    await renderCard(goldenComponent('old-batch', 'golden-batch-service', '0.9.0'));
    expect(await screen.findByText('Unknown template')).toBeInTheDocument();
    expect(field('Template')).toHaveTextContent('golden-batch-service');
    expect(field('Changes since')).toHaveTextContent('Unknown: the versions cannot be compared.');
  });
});

describe('isGoldenComponent', () => {
  it('shows the card only on components stamped with a golden template', () => {
    expect(isGoldenComponent(goldenComponent('payments-api', 'golden-api-service', '1.0.0'))).toBe(
      true,
    );
    expect(isGoldenComponent(unrelated[0])).toBe(false);
    expect(
      isGoldenComponent({ ...goldenComponent('x', 'golden-api-service', '1.0.0'), kind: 'System' }),
    ).toBe(false);
  });
});
