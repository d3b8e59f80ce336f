// The architect's journey through the decision browser: open Decisions, filter to accepted
// decisions of the payments domain, open a superseded record, follow "superseded by" to its
// successor, and read the Decisions tab of the component. Any uncaught page error fails the test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, guestToken, root } from '../lib/backend.mjs';
import { launchBrowser, watchPageErrors } from '../lib/browser.mjs';
import { APP_URL, BACKEND_URL, startPortal } from '../lib/portal.mjs';

const artifacts = path.join(root, 'e2e/artifacts');
const SUPERSEDED = 'Publish payment events to RabbitMQ right after the database commit';
const SUCCESSOR = 'Publish payment events through a transactional outbox';

/** YYYY-MM-DD of today minus one year, as the "Last 12 months" filter computes it. */
function aYearAgo() {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.toISOString().slice(0, 10);
}

describe('the decision browser in a browser', () => {
  let portal;
  let browser;
  let page;
  let pageErrors;

  before(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    portal = await startPortal();
    // The index is built by a scheduled task a few seconds after start: wait for the demo records.
    const token = await guestToken(BACKEND_URL);
    await eventually(
      async () => {
        const res = await fetch(`${BACKEND_URL}/api/adr/stats`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return res.ok && (await res.json()).total >= 24;
      },
      { what: 'the 24 demo decision records to be indexed' },
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    pageErrors = watchPageErrors(page);
  });

  after(async () => {
    if (page) await page.screenshot({ path: path.join(artifacts, 'decisions-last.png') }).catch(() => {});
    await browser?.close();
    await portal?.stop();
  });

  it('opens Decisions from the home page and lists every demo record', async () => {
    await page.goto(APP_URL);
    await page.getByRole('navigation', { name: 'Quick links' }).getByRole('link', { name: /Decisions/ }).click();
    await page.waitForURL(/\/decisions$/);
    await page.getByText('24 decisions', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('decision-row').count(), 24);
    await page.screenshot({ path: path.join(artifacts, 'decisions.png') });
  });

  it('filters to accepted decisions of the payments domain, with the filters in the URL', async () => {
    await page.getByRole('button', { name: /^accepted \(\d+\)$/ }).click();
    await page.getByLabel('Domain').click();
    await page.getByRole('option', { name: /^Payments\b/ }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/status=accepted/);
    await page.waitForURL(/domain=domain%3Adefault%2Fpayments|domain=domain:default\/payments/);
    await page.getByText('9 decisions match', { exact: true }).waitFor();

    // "From the last year": the preset puts the date in the URL.
    await page.getByRole('button', { name: 'Last 12 months' }).click();
    await page.waitForURL(new RegExp(`from=${aYearAgo()}`));
    // The demo records are dated 2024-2025; pin the range so the journey does not depend on today.
    await page.getByLabel('From').fill('2024-06-01');
    await page.waitForURL(/from=2024-06-01/);
    await page.getByText('4 decisions match', { exact: true }).waitFor();
    const rows = page.getByTestId('decision-row');
    assert.equal(await rows.count(), 4);
    for (const text of await rows.allInnerTexts()) {
      assert.match(text, /accepted/i);
    }
    await page.getByRole('link', { name: SUCCESSOR }).waitFor();

    // The URL is shareable: opening it again shows the same list.
    const shared = page.url();
    await page.goto(shared);
    await page.getByText('4 decisions match', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'decisions-filtered.png') });
  });

  it('opens a superseded record and follows "superseded by" to its successor', async () => {
    // Swap the status filter to superseded decisions, any date.
    await page.getByRole('button', { name: /^accepted \(\d+\)$/ }).click();
    await page.getByRole('button', { name: /^superseded \(\d+\)$/ }).click();
    await page.getByLabel('From').fill('');
    await page.getByRole('link', { name: SUPERSEDED }).click();
    await page.waitForURL(/\/decisions\/[0-9a-f]{40}$/);
    await page.getByRole('heading', { level: 1, name: SUPERSEDED }).waitFor();
    await page.getByText('ADR-0002', { exact: true }).waitFor();

    const banner = page.getByRole('status').filter({ hasText: 'Superseded by' });
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(`Superseded by ADR-0004: ${SUCCESSOR}`));
    await page.screenshot({ path: path.join(artifacts, 'decision-superseded.png'), fullPage: true });

    await banner.getByRole('link', { name: `ADR-0004: ${SUCCESSOR}` }).click();
    await page.getByRole('heading', { level: 1, name: SUCCESSOR }).waitFor();
    await page.getByText('ADR-0004', { exact: true }).waitFor();
    // The successor links back to the record it supersedes, so the chain can be walked both ways.
    await page.getByRole('link', { name: `ADR-0002: ${SUPERSEDED}` }).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, 'decision-successor.png'), fullPage: true });
  });

  it('shows the decisions of payments-api on its Decisions tab', async () => {
    // The record names its entity; its page has a Decisions tab.
    await page.locator('a[href="/catalog/default/component/payments-api"]').first().click();
    await page.waitForURL(/\/catalog\/default\/component\/payments-api$/);
    await page.getByText('Latest decisions').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Decisions', exact: true }).click();
    await page.waitForURL(/\/catalog\/default\/component\/payments-api\/decisions/);
    await page.getByText('5 decisions', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('decision-row').count(), 5);
    const record = page.getByRole('link', { name: /Record a decision/i });
    const href = await record.getAttribute('href');
    assert.equal(
      href,
      `/create/templates/default/new-decision-record?formData=${encodeURIComponent(
        JSON.stringify({ entity: 'component:default/payments-api' }),
      )}`,
    );
    await page.screenshot({ path: path.join(artifacts, 'decisions-entity-tab.png') });
  });

  it('raised no uncaught page error on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
});
