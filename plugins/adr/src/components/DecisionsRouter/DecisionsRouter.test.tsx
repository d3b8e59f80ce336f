import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rootRouteRef } from '../../routes';
import { serveAdrBackend } from '../../__testUtils__/handlers';
import { adrApi, setupAdrServer } from '../../__testUtils__/testApis';
import { DecisionsRouter } from './DecisionsRouter';

// Full pages rendered in jsdom take seconds when the whole suite runs in parallel on two cores.
jest.setTimeout(30_000);

const server = setupAdrServer();

describe('<DecisionsRouter />', () => {
  it('goes from the list to a record, and back to the list with the filters it was opened from', async () => {
    serveAdrBackend(server);
    await renderInTestApp(<DecisionsRouter />, {
      mountedRoutes: {
        '/decisions': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      mountPath: '/decisions/*',
      initialRouteEntries: ['/decisions?status=superseded'],
      apis: [adrApi(), mockApis.permission()],
    });
    await userEvent.click(
      await screen.findByRole('link', {
        name: 'Publish payment events to RabbitMQ right after the database commit',
      }),
    );
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Publish payment events to RabbitMQ right after the database commit',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All decisions/ })).toHaveAttribute(
      'href',
      '/decisions?status=superseded',
    );
    // Walking the chain keeps them too
    await userEvent.click(screen.getAllByRole('link', { name: /^ADR-0004: / })[0]);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Publish payment events through a transactional outbox',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All decisions/ })).toHaveAttribute(
      'href',
      '/decisions?status=superseded',
    );
  });
});
