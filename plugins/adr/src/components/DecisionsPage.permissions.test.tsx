// On its own in this file: usePermission caches answers per permission across the tests of a
// file, so an allowed answer from another test could show here.
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { act, screen, waitFor } from '@testing-library/react';
import { adrApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { mockAdrApi } from '../testing/fixtures';
import { DecisionsPage } from './DecisionsPage';

const mountedRoutes = {
  '/decisions': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

function render(
  url: string,
  api = mockAdrApi(),
  permission = mockApis.permission(),
) {
  return renderInTestApp(<DecisionsPage />, {
    mountedRoutes,
    initialRouteEntries: [url],
    apis: [
      [adrApiRef, api],
      permission,
    ],
  });
}

describe('<DecisionsPage /> for users who may not refresh', () => {
  it('hides "Refresh index" from the others', async () => {
    // AuthorizeResult.DENY, without depending on permission-common for one constant
    const authorize = jest.fn(() => 'DENY' as any);
    await render('/decisions', mockAdrApi(), mockApis.permission({ authorize }));
    await screen.findAllByTestId('decision-row');
    // The answer has been asked for and delivered before we look
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    await act(async () => {});
    expect(screen.queryByRole('button', { name: 'Refresh index' })).not.toBeInTheDocument();
  });
});
