import { useApi } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { formFieldsApiRef } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import useAsync from 'react-use/esm/useAsync';
import { goldenServicesPlugin } from './plugin';

jest.setTimeout(30_000);

/** Lists the form fields the Create page would be given, as the scaffolder loads them. */
function CreatePageFields() {
  const formFieldsApi = useApi(formFieldsApiRef);
  const { value, error } = useAsync(() => formFieldsApi.loadFormFields(), [formFieldsApi]);
  if (error) return <p>{error.message}</p>;
  if (!value) return null;
  // A loaded field is opaque in the public API; its name is what templates use as ui:field.
  const names = value.map(field => (field as unknown as { name: string }).name);
  return (
    <ul aria-label="Form fields">
      {names.map(name => (
        <li key={name}>{name}</li>
      ))}
    </ul>
  );
}

describe('goldenServicesPlugin', () => {
  it('gives the scaffolder the SouverainServiceName field, beside its own fields', async () => {
    await renderInTestApp(<CreatePageFields />, {
      features: [scaffolderPlugin, goldenServicesPlugin],
    });
    const fields = await screen.findByRole('list', { name: 'Form fields' });
    expect(fields).toHaveTextContent('SouverainServiceName');
    expect(fields).toHaveTextContent('EntityNamePicker');
  });
});
