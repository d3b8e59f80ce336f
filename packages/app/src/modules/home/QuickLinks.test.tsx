import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { QuickLinks } from './QuickLinks';
import { portalFeatures } from './features';

describe('<QuickLinks />', () => {
  it('links the features that exist and marks the others as coming soon', async () => {
    await renderInTestApp(<QuickLinks features={portalFeatures} />);
    expect(screen.getByRole('link', { name: /Create a service/ })).toHaveAttribute('href', '/create');
    expect(screen.getByRole('link', { name: /Software catalog/ })).toHaveAttribute('href', '/catalog');
    expect(screen.getByRole('link', { name: /Decisions/ })).toHaveAttribute('href', '/decisions');
    expect(screen.getByRole('link', { name: /Access requests/ })).toHaveAttribute('href', '/access');
    expect(screen.queryByRole('link', { name: /Delivery gates/ })).not.toBeInTheDocument();
    const comingSoon = screen.getAllByText('coming soon');
    expect(comingSoon).toHaveLength(portalFeatures.filter(f => !f.path).length);
  });
});
