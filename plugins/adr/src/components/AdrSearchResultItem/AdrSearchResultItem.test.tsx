import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { AdrSearchResultItem } from './AdrSearchResultItem';

describe('<AdrSearchResultItem />', () => {
  it('shows a decision record found by the global search, linked to its view', async () => {
    await renderInTestApp(
      <AdrSearchResultItem
        result={
          {
            title: 'ADR-0004: Publish payment events through a transactional outbox',
            text: 'Dual writes lose events when the broker is down.\n\nThe full body.',
            location: '/decisions/7d1b596b61694761f8400185fd404324a4727414',
            status: 'accepted',
            date: '2025-01-21',
            entityRef: 'component:default/payments-api',
          } as any
        }
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      screen.getByRole('link', { name: /ADR-0004: Publish payment events/ }),
    ).toHaveAttribute('href', '/decisions/7d1b596b61694761f8400185fd404324a4727414');
    expect(screen.getByText('accepted')).toBeInTheDocument();
    expect(screen.getByText('Dual writes lose events when the broker is down.')).toBeInTheDocument();
    expect(screen.queryByText(/The full body/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(screen.getByText(/2025-01-21/)).toBeInTheDocument();
  });
});
