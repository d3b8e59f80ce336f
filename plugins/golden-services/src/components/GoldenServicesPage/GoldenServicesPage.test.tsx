import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiTemplate, mlTemplate, unrelated } from '../../__testUtils__/fixtures';
import { unreachableCatalogHandlers } from '../../__testUtils__/handlers';
import { renderGoldenServicesPage } from '../../__testUtils__/renderGoldenServicesPage';
import { catalogClient, setupGoldenServicesServer } from '../../__testUtils__/testApis';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const server = setupGoldenServicesServer();

function rowOf(name: string): HTMLElement {
  const link = screen.getByRole('link', { name: new RegExp(`^${name}$`) });
  return link.closest('tr') as HTMLElement;
}

describe('<GoldenServicesPage />', () => {
  it('shows each golden template with its services and where each stands', async () => {
    await renderGoldenServicesPage();

    const api = await screen.findByRole('region', { name: 'Golden API service' });
    expect(
      within(api).getByText(/Current version 1\.2\.0 · 3 services · 2 behind/),
    ).toBeInTheDocument();
    const ml = screen.getByRole('region', { name: 'Golden ML service' });
    expect(
      within(ml).getByText(/Current version 1\.1\.0 · 1 service · 0 behind/),
    ).toBeInTheDocument();
    expect(screen.getByText(/5 services · 2 golden templates · 2 behind/)).toBeInTheDocument();

    expect(within(rowOf('payments-api')).getByText('Behind by 2 versions')).toBeInTheDocument();
    expect(within(rowOf('payments-api')).getByText('1.0.0')).toBeInTheDocument();
    expect(within(rowOf('identity-api')).getByText('Behind by 1 version')).toBeInTheDocument();
    expect(within(rowOf('ledger-service')).getByText('Up to date')).toBeInTheDocument();
    expect(within(rowOf('fraud-detector')).getByText('Up to date')).toBeInTheDocument();
    expect(
      within(rowOf('payments-api')).getByRole('link', { name: /payments-team/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-team');

    const unknown = screen.getByRole('region', { name: 'Templates not in the catalog or not visible to you' });
    expect(within(unknown).getByText('golden-batch-service')).toBeInTheDocument();
    expect(within(rowOf('old-batch')).getByText('Unknown template')).toBeInTheDocument();

    // Neither the plain component nor the non-golden template is listed
    expect(screen.queryByRole('link', { name: /design-system/ })).not.toBeInTheDocument();
    expect(screen.queryByText('New decision record')).not.toBeInTheDocument();
    expect(
      within(api).getByRole('link', { name: 'Create a service from this template' }),
    ).toHaveAttribute('href', '/create/templates/default/golden-api-service');
  });

  it('lists what a behind service is missing, and only that', async () => {
    await renderGoldenServicesPage();
    await screen.findByRole('region', { name: 'Golden API service' });

    expect(
      within(rowOf('ledger-service')).queryByRole('button', { name: /What changed/ }),
    ).toBeNull();
    const toggle = within(rowOf('payments-api')).getByRole('button', { name: /What changed/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    expect(screen.getByRole('heading', { name: 'What changed since 1.0.0' })).toBeInTheDocument();
    const missing = screen.getByRole('list', { name: 'Changes payments-api is missing' });
    expect(
      within(missing)
        .getAllByRole('heading')
        .map(h => h.textContent),
    ).toEqual(['1.2.0 · 2026-03-02', '1.1.0 · 2026-01-20']);
    expect(
      within(missing).getByText('Readiness endpoint checks the database pool'),
    ).toBeInTheDocument();
    expect(within(missing).getByText('Node 22 base image')).toBeInTheDocument();
    expect(
      within(missing).getByText('CycloneDX SBOM and image signature in gate 1'),
    ).toBeInTheDocument();
    expect(within(missing).queryByText('First release')).not.toBeInTheDocument();

    await userEvent.click(
      within(rowOf('identity-api')).getByRole('button', { name: /What changed/ }),
    );
    const identity = screen.getByRole('list', { name: 'Changes identity-api is missing' });
    expect(
      within(identity)
        .getAllByRole('heading')
        .map(h => h.textContent),
    ).toEqual(['1.2.0 · 2026-03-02']);
  });

  it('filters by template and to the services behind, in the address', async () => {
    await renderGoldenServicesPage();
    await screen.findByRole('region', { name: 'Golden API service' });

    await userEvent.click(screen.getByRole('checkbox', { name: 'Only behind' }));
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: /^ledger-service$/ })).not.toBeInTheDocument(),
    );
    expect(rowOf('payments-api')).toBeInTheDocument();
    expect(rowOf('identity-api')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Templates not in the catalog or not visible to you' })).toBeNull();
    expect(
      within(screen.getByRole('region', { name: 'Golden ML service' })).getByText(
        'Every service created from this template is on its current version.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Template' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Golden ML service (1)' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Golden API service' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('region', { name: 'Golden ML service' })).toBeInTheDocument();
  });

  it('opens with the filters of its address', async () => {
    await renderGoldenServicesPage('/golden-services?template=%3Aunknown');
    const unknown = await screen.findByRole('region', { name: 'Templates not in the catalog or not visible to you' });
    expect(within(unknown).getByRole('link', { name: /^old-batch$/ })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Golden API service' })).toBeNull();
  });

  it('says so when no service matches the filters', async () => {
    await renderGoldenServicesPage('/golden-services?template=%3Aunknown&behind=true');
    expect(await screen.findByText('No service matches these filters.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Only behind' })).toBeChecked();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('invites to create a service when none was created from a golden template', async () => {
    await renderGoldenServicesPage(
      '/golden-services',
      catalogApiMock({ entities: [apiTemplate, mlTemplate, ...unrelated] }),
    );
    expect(
      await screen.findByText('No service was created from a golden template yet'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create a service' })).toHaveAttribute(
      'href',
      '/create',
    );
  });

  it('says what went wrong when the catalog cannot be read', async () => {
    server.use(...unreachableCatalogHandlers('catalog is unreachable'));
    await renderGoldenServicesPage('/golden-services', catalogClient());
    expect(
      await screen.findByText('Error: Request failed with 503 Service Unavailable', {
        selector: 'h6',
      }),
    ).toBeVisible();
    expect(screen.getByText('catalog is unreachable')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
