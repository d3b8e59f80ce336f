// The developer's first journey: Create -> Golden API service -> the form -> the task log -> the
// new component's page, then the Golden services page lists it as up to date.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, guestToken, root } from '../lib/backend.mjs';
import { launchBrowser, watchPageErrors } from '../lib/browser.mjs';
import { APP_URL, BACKEND_URL, startPortal } from '../lib/portal.mjs';

const artifacts = path.join(root, 'e2e/artifacts');

describe('creating a golden service in a browser', () => {
  let portal;
  let browser;
  let page;
  let pageErrors;

  before(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    portal = await startPortal();
    await eventually(
      async () => {
        const token = await guestToken(BACKEND_URL);
        const res = await fetch(`${BACKEND_URL}/api/catalog/entities/by-query?filter=kind=template,metadata.name=golden-api-service&filter=kind=group,metadata.name=payments-team`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return res.ok && (await res.json()).items.length === 2;
      },
      { what: 'the golden templates and the demo org in the catalog' },
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    pageErrors = watchPageErrors(page);
  });

  after(async () => {
    if (page) await page.screenshot({ path: path.join(artifacts, 'golden-last.png') }).catch(() => {});
    await browser?.close();
    await portal?.stop();
  });

  it('refuses a bad name in the form, naming the rule', async () => {
    await page.goto(`${APP_URL}/create/templates/default/golden-api-service`);
    const name = page.getByLabel('Name', { exact: false }).first();
    await name.fill('../Refunds');
    await page.getByText(/breaks the rule "no-path"/).first().waitFor();
    await name.fill('payments-api');
    await page.getByText(/already in the catalog/).first().waitFor();
  });

  it('creates refunds-api from the form and lands on its page', async () => {
    await page.goto(`${APP_URL}/create/templates/default/golden-api-service`);
    await page.getByLabel('Name', { exact: false }).first().fill('refunds-api');
    await page.getByLabel('Description', { exact: false }).first().fill('Refunds for card payments, per tenant');
    const owner = page.getByLabel('Owner', { exact: false }).first();
    await owner.click();
    await owner.fill('payments');
    await page.getByRole('option', { name: /payments-team|Payments Team/ }).first().click();
    const system = page.getByLabel('System', { exact: false }).first();
    await system.click();
    await system.fill('payments');
    await page.getByRole('option', { name: /^payments$|Payments/ }).first().click();
    await page.getByRole('button', { name: 'Next' }).click();
    // Tenant, data and operations: defaults, with the journey's classification
    await page.getByLabel('Data classification', { exact: false }).first().click();
    await page.getByRole('option', { name: 'Confidential' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    // Repository: local by default
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    // The task page shows the steps, then the output links
    await page.getByText('Check the request').first().waitFor();
    await page.getByRole('link', { name: 'Open in the catalog' }).click({ timeout: 120_000 });
    await page.waitForURL(/\/catalog\/default\/component\/refunds-api/);
    await page.getByText('payments-team').first().waitFor();
    await page.screenshot({ path: path.join(artifacts, 'golden-created.png') });
  });

  it('lists refunds-api on the Golden services page as up to date', async () => {
    await page.goto(`${APP_URL}/golden-services`);
    const row = page.getByRole('row', { name: /refunds-api/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Up to date/);
    await page.screenshot({ path: path.join(artifacts, 'golden-services.png') });
    assert.deepEqual(pageErrors, []);
  });
});
