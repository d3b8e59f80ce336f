// On its own in this file: usePermission caches answers per permission across the tests of a
// file, so an allowed answer from another test could show here.
import { mockApis } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { serveAdrBackend } from '../../__testUtils__/handlers';
import { renderDecisionsPage } from '../../__testUtils__/renderDecisionsPage';
import { setupAdrServer } from '../../__testUtils__/testApis';

const server = setupAdrServer();

describe('<DecisionsPage /> for users who may not refresh', () => {
  it('hides "Refresh index" from the others', async () => {
    serveAdrBackend(server);
    // AuthorizeResult.DENY, without depending on permission-common for one constant
    const authorize = jest.fn(() => 'DENY' as any);
    await renderDecisionsPage('/decisions', mockApis.permission({ authorize }));
    await screen.findAllByTestId('decision-row');
    // The answer has been asked for and delivered before we look
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    await act(async () => {});
    expect(screen.queryByRole('button', { name: 'Refresh index' })).not.toBeInTheDocument();
  });
});
