import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { conciergeApiRef } from './api';
import { conciergePlugin } from './plugin';
import { mockConciergeApi } from './__testUtils__/fixtures';

jest.setTimeout(30_000);

describe('conciergePlugin', () => {
  it('serves the Access page at /access, with its nav item', async () => {
    renderTestApp({
      features: [conciergePlugin],
      initialRouteEntries: ['/access'],
      apis: [[conciergeApiRef, mockConciergeApi()]],
    });
    expect(await screen.findByText('No requests yet')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Access' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'My requests' })).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'Access' }).map(link => link.getAttribute('href')),
    ).toContain('/access');
  });
});
