import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { adrPlugin } from './plugin';
import { serveAdrBackend } from './__testUtils__/handlers';
import { adrApi, setupAdrServer } from './__testUtils__/testApis';

jest.setTimeout(30_000);

const server = setupAdrServer();

describe('adrPlugin', () => {
  it('serves the Decisions page at /decisions, with its nav item', async () => {
    // No records: their entity links need the catalog's pages, which this app lacks
    serveAdrBackend(server, { records: [] });
    renderTestApp({
      features: [adrPlugin],
      initialRouteEntries: ['/decisions'],
      apis: [adrApi(), mockApis.permission()],
    });
    expect(await screen.findByText('No decisions match')).toBeInTheDocument();
    expect(screen.getByText(/0 records indexed/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Decisions' })).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'Decisions' }).map(link => link.getAttribute('href')),
    ).toContain('/decisions');
  });
});
