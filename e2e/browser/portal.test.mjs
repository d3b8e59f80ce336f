// The newcomer's first visit: sign in as guest, land on the home page, browse the catalog and
// open a component. Any uncaught page error fails the test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { APP_URL, portalSession } from '../lib/portal.mjs';


describe('the portal in a browser', () => {
  const session = portalSession({
    name: 'portal',
  });

  it('signs in as guest without a click and shows the home page', async () => {
    await session.page.goto(APP_URL);
    await session.page.getByRole('heading', { name: 'Souverain', level: 1 }).waitFor();
    await session.page.getByRole('navigation', { name: 'Quick links' }).getByText('Create a service').waitFor();
    // The systems at a glance come from the demo catalog.
    await session.page.getByTestId('system-summary').first().waitFor();
    const systems = await session.page.getByTestId('system-summary').allInnerTexts();
    assert.ok(systems.some(s => /Payments/.test(s)), `Payments system listed in ${systems.join(' | ')}`);
    await session.page.screenshot({ path: path.join(session.artifacts, 'home.png'), fullPage: true });
  });

  it('lists the demo components in the catalog', async () => {
    await session.page.getByRole('link', { name: 'Software catalog' }).click();
    await session.page.waitForURL(/\/catalog/);
    // The guest is in payments-team, so the catalog opens on its owned components; switch to all.
    await session.page.getByText('Owned Components').waitFor();
    await session.page.getByRole('menuitem', { name: /^All/ }).click();
    await session.page.getByText('All Components (12)').waitFor();
    for (const title of ['Payments API', 'Ledger Service', 'Fraud Detector', 'Concierge']) {
      await session.page.getByRole('link', { name: title, exact: true }).first().waitFor();
    }
    await session.page.screenshot({ path: path.join(session.artifacts, 'catalog.png') });
  });

  it('opens a component page with its owner and system', async () => {
    await session.page.getByRole('link', { name: 'Payments API', exact: true }).first().click();
    await session.page.waitForURL(/\/catalog\/default\/component\/payments-api/);
    await session.page.getByText('Multi-tenant REST service').first().waitFor();
    await session.page.getByRole('heading', { name: 'Payments API', exact: true }).waitFor();
    await session.page.getByRole('link', { name: 'Payments Team', exact: true }).first().waitFor();
    await session.page.getByRole('heading', { name: 'Depends on components' }).waitFor();
    await session.page.screenshot({ path: path.join(session.artifacts, 'payments-api.png') });
  });

  it('shows a malformed entity file with its error on the Unprocessed Entities page', async () => {
    await session.page.getByRole('link', { name: /Unprocessed/ }).click();
    await session.page.getByRole('heading', { name: 'Unprocessed Entities', level: 2 }).waitFor();
    await session.page.getByRole('tab', { name: 'Pending' }).click();
    const row = session.page.getByRole('row').filter({ hasText: 'Location' }).first();
    await row.waitFor();
    // The raw view shows the location that could not be read, and why.
    await row.getByRole('button').last().click();
    await session.page.getByText(/YAML error at file:.*not-yaml\.yaml/).first().waitFor();
    await session.page.screenshot({ path: path.join(session.artifacts, 'unprocessed.png') });
  });

  it('raised no uncaught page error on the way', () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
