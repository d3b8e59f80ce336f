import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { conciergePlugin } from './plugin';
import { serveConciergeBackend } from './__testUtils__/handlers';
import { conciergeApi, setupConciergeServer } from './__testUtils__/testApis';

jest.setTimeout(30_000);

const server = setupConciergeServer();

describe('conciergePlugin', () => {
  it('serves the Access page at /access, with its nav item', async () => {
    serveConciergeBackend(server);
    renderTestApp({
      features: [conciergePlugin],
      initialRouteEntries: ['/access'],
      apis: [conciergeApi()],
    });
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Access' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'My requests' })).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'Access' }).map(link => link.getAttribute('href')),
    ).toContain('/access');
  });
});
