import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CatalogApi } from '@backstage/catalog-client';
import { catalogEntities } from '../../__testUtils__/fixtures';
import { unreachableCatalogHandlers } from '../../__testUtils__/handlers';
import {
  catalogClient,
  goldenServicesApi,
  setupGoldenServicesServer,
} from '../../__testUtils__/testApis';
import {
  SERVICE_NAME_FIELD_NAME,
  ServiceNameField,
  serviceNameFieldValidation,
} from './ServiceNameField';

jest.setTimeout(30_000);

const server = setupGoldenServicesServer();

// The form scrolls to its errors; jsdom has no layout to scroll.
beforeAll(() => {
  window.scrollTo = jest.fn() as typeof window.scrollTo;
});

// Let the field's debounced catalog look-up finish inside the test that started it.
afterEach(async () => {
  await act(() => new Promise(resolve => setTimeout(resolve, 500)));
});

const manifest = {
  title: 'Golden API service',
  steps: [
    {
      title: 'Service',
      schema: {
        type: 'object',
        required: ['name'],
        properties: {
          name: {
            type: 'string',
            title: 'Service name',
            description: 'Lower case letters, digits and hyphens',
            'ui:field': SERVICE_NAME_FIELD_NAME,
          },
        },
      },
    },
  ],
};

/** The template form of the Create page, with the field as the app registers it. */
async function renderForm(catalogApi: CatalogApi = catalogApiMock({ entities: catalogEntities })) {
  const onCreate = jest.fn(async () => {});
  await renderInTestApp(
    <SecretsContextProvider>
      <Stepper
        manifest={manifest}
        extensions={[
          {
            name: SERVICE_NAME_FIELD_NAME,
            component: ServiceNameField,
            validation: serviceNameFieldValidation,
          },
        ]}
        onCreate={onCreate}
      />
    </SecretsContextProvider>,
    { apis: [goldenServicesApi(catalogApi)] },
  );
  return { onCreate, input: await screen.findByRole('textbox', { name: /Service name/ }) };
}

describe('SouverainServiceName field', () => {
  it('tells which naming rule a name breaks as the user types', async () => {
    const { input } = await renderForm();
    expect(screen.getByText('Lower case letters, digits and hyphens')).toBeInTheDocument();

    await userEvent.type(input, 'Refunds API');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(
      'Service name breaks the rule "no-spaces": no spaces or other whitespace',
    );

    await userEvent.clear(input);
    await userEvent.type(input, '../etc');
    expect(input).toHaveAccessibleDescription(
      'Service name breaks the rule "no-path": a name is not a path: no "/", "\\" or ".."',
    );

    await userEvent.clear(input);
    await userEvent.type(input, '${{ parameters.owner }}');
    expect(input).toHaveAccessibleDescription(/breaks the rule "no-template-syntax"/);

    await userEvent.clear(input);
    await userEvent.type(input, 'refunds-api');
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(input).toHaveAccessibleDescription('Lower case letters, digits and hyphens');
  });

  it('tells when a component already has the name', async () => {
    const { input } = await renderForm();
    await userEvent.type(input, 'payments-api');
    await waitFor(() =>
      expect(input).toHaveAccessibleDescription(
        'Service name breaks the rule "unique": a component named "payments-api" is already in the catalog (component:default/payments-api)',
      ),
    );
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('stops the form on a broken rule or a taken name, and lets a good name through', async () => {
    const { input, onCreate } = await renderForm();

    await userEvent.type(input, 'Refunds_API');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByText('Service name breaks the rule "lowercase": lower case only'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).not.toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, 'ledger-service');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByText(
        'Service name breaks the rule "unique": a component named "ledger-service" is already in the catalog (component:default/ledger-service)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).not.toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, 'refunds-api');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Create' }));
    expect(onCreate).toHaveBeenCalledWith({ name: 'refunds-api' });
  });

  it('lets the name through when the catalog cannot be asked, for the backend to check', async () => {
    server.use(...unreachableCatalogHandlers());
    const { input, onCreate } = await renderForm(catalogClient());
    await userEvent.type(input, 'refunds-api');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Create' }));
    expect(onCreate).toHaveBeenCalledWith({ name: 'refunds-api' });
  });
});
