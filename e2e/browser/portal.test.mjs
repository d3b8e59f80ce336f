// The newcomer's first visit: sign in as guest, land on the home page, browse the catalog and
// open a component. Any uncaught page error fails the test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../lib/backend.mjs';
import { launchBrowser, watchPageErrors } from '../lib/browser.mjs';
import { APP_URL, startPortal } from '../lib/portal.mjs';

const artifacts = path.join(root, 'e2e/artifacts');

describe('the portal in a browser', () => {
  let portal;
  let browser;
  let page;
  let pageErrors;

  before(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    portal = await startPortal();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    pageErrors = watchPageErrors(page);
  });

  after(async () => {
    if (page) await page.screenshot({ path: path.join(artifacts, 'last.png') }).catch(() => {});
    await browser?.close();
    await portal?.stop();
  });

  it('signs in as guest without a click and shows the home page', async () => {
    await page.goto(APP_URL);
    await page.getByRole('heading', { name: 'Souverain', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Quick links' }).getByText('Create a service').waitFor();
    // The systems at a glance come from the demo catalog.
    await page.getByTestId('system-summary').first().waitFor();
    const systems = await page.getByTestId('system-summary').allInnerTexts();
    assert.ok(systems.some(s => /Payments/.test(s)), `Payments system listed in ${systems.join(' | ')}`);
    await page.screenshot({ path: path.join(artifacts, 'home.png'), fullPage: true });
  });

  it('lists the demo components in the catalog', async () => {
    await page.getByRole('link', { name: 'Software catalog' }).click();
    await page.waitForURL(/\/catalog/);
    // The guest is in payments-team, so the catalog opens on its owned components; switch to all.
    await page.getByText('Owned Components').waitFor();
    await page.getByRole('menuitem', { name: /^All/ }).click();
    await page.getByText('All Components (12)').waitFor();
    for (const title of ['Payments API', 'Ledger Service', 'Fraud Detector', 'Concierge']) {
      await page.getByRole('link', { name: title, exact: true }).first().waitFor();
    }
    await page.screenshot({ path: path.join(artifacts, 'catalog.png') });
  });

  it('opens a component page with its owner and system', async () => {
    await page.getByRole('link', { name: 'Payments API', exact: true }).first().click();
    await page.waitForURL(/\/catalog\/default\/component\/payments-api/);
    await page.getByText('Multi-tenant REST service').first().waitFor();
    await page.getByRole('heading', { name: 'Payments API', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Payments Team', exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'Depends on components' }).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'payments-api.png') });
  });

  it('shows a malformed entity file with its error on the Unprocessed Entities page', async () => {
    await page.getByRole('link', { name: /Unprocessed/ }).click();
    await page.getByRole('heading', { name: 'Unprocessed Entities', level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Pending' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Location' }).first();
    await row.waitFor();
    // The raw view shows the location that could not be read, and why.
    await row.getByRole('button').last().click();
    await page.getByText(/YAML error at file:.*not-yaml\.yaml/).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, 'unprocessed.png') });
  });

  it('raised no uncaught page error on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
});
