// The architect's journey through the decision browser: open Decisions, filter to accepted
// decisions of the payments domain, open a superseded record, follow "superseded by" to its
// successor, and read the Decisions tab of the component. Any uncaught page error fails the test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually, guestToken } from '../lib/backend.mjs';
import { APP_URL, portalSession } from '../lib/portal.mjs';

const SUPERSEDED = 'Publish payment events to RabbitMQ right after the database commit';
const SUCCESSOR = 'Publish payment events through a transactional outbox';

/** YYYY-MM-DD of today minus one year, as the "Last 12 months" filter computes it. */
function aYearAgo() {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.toISOString().slice(0, 10);
}

describe('the decision browser in a browser', () => {
  const session = portalSession({
    name: 'decisions',
    // The index is built by a scheduled task a few seconds after start: wait for the demo records.
    ready: async backendUrl => {
      const token = await guestToken(backendUrl);
      await eventually(
        async () => {
          const res = await fetch(`${backendUrl}/api/adr/stats`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          return res.ok && (await res.json()).total >= 24;
        },
        { what: 'the 24 demo decision records to be indexed' },
      );
    },
  });

  it('opens Decisions from the home page and lists every demo record', async () => {
    await session.page.goto(APP_URL);
    await session.page.getByRole('navigation', { name: 'Quick links' }).getByRole('link', { name: /Decisions/ }).click();
    await session.page.waitForURL(/\/decisions$/);
    await session.page.getByText('24 decisions', { exact: true }).waitFor();
    assert.equal(await session.page.getByTestId('decision-row').count(), 24);
    await session.page.screenshot({ path: path.join(session.artifacts, 'decisions.png') });
  });

  it('filters to accepted decisions of the payments domain, with the filters in the URL', async () => {
    await session.page.getByRole('button', { name: /^accepted \(\d+\)$/ }).click();
    await session.page.getByLabel('Domain').click();
    await session.page.getByRole('option', { name: /^Payments\b/ }).click();
    await session.page.keyboard.press('Escape');
    await session.page.waitForURL(/status=accepted/);
    await session.page.waitForURL(/domain=domain%3Adefault%2Fpayments|domain=domain:default\/payments/);
    await session.page.getByText('9 decisions match', { exact: true }).waitFor();

    // "From the last year": the preset puts the date in the URL.
    await session.page.getByRole('button', { name: 'Last 12 months' }).click();
    await session.page.waitForURL(new RegExp(`from=${aYearAgo()}`));
    // The demo records are dated 2024-2025; pin the range so the journey does not depend on today.
    await session.page.getByLabel('From').fill('2024-06-01');
    await session.page.waitForURL(/from=2024-06-01/);
    await session.page.getByText('4 decisions match', { exact: true }).waitFor();
    const rows = session.page.getByTestId('decision-row');
    assert.equal(await rows.count(), 4);
    for (const text of await rows.allInnerTexts()) {
      assert.match(text, /accepted/i);
    }
    await session.page.getByRole('link', { name: SUCCESSOR }).waitFor();

    // The URL is shareable: opening it again shows the same list.
    const shared = session.page.url();
    await session.page.goto(shared);
    await session.page.getByText('4 decisions match', { exact: true }).waitFor();
    await session.page.screenshot({ path: path.join(session.artifacts, 'decisions-filtered.png') });
  });

  it('opens a superseded record and follows "superseded by" to its successor', async () => {
    // Swap the status filter to superseded decisions, any date.
    await session.page.getByRole('button', { name: /^accepted \(\d+\)$/ }).click();
    await session.page.getByRole('button', { name: /^superseded \(\d+\)$/ }).click();
    await session.page.getByLabel('From').fill('');
    await session.page.getByRole('link', { name: SUPERSEDED }).click();
    await session.page.waitForURL(/\/decisions\/[0-9a-f]{40}$/);
    await session.page.getByRole('heading', { level: 1, name: SUPERSEDED }).waitFor();
    await session.page.getByText('ADR-0002', { exact: true }).waitFor();

    const banner = session.page.getByRole('status').filter({ hasText: 'Superseded by' });
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(`Superseded by ADR-0004: ${SUCCESSOR}`));
    await session.page.screenshot({ path: path.join(session.artifacts, 'decision-superseded.png'), fullPage: true });

    await banner.getByRole('link', { name: `ADR-0004: ${SUCCESSOR}` }).click();
    await session.page.getByRole('heading', { level: 1, name: SUCCESSOR }).waitFor();
    await session.page.getByText('ADR-0004', { exact: true }).waitFor();
    // The successor links back to the record it supersedes, so the chain can be walked both ways.
    await session.page.getByRole('link', { name: `ADR-0002: ${SUPERSEDED}` }).first().waitFor();
    await session.page.screenshot({ path: path.join(session.artifacts, 'decision-successor.png'), fullPage: true });
  });

  it('shows the decisions of payments-api on its Decisions tab', async () => {
    // The record names its entity; its page has a Decisions tab.
    await session.page.locator('a[href="/catalog/default/component/payments-api"]').first().click();
    await session.page.waitForURL(/\/catalog\/default\/component\/payments-api$/);
    await session.page.getByText('Latest decisions').waitFor();
    await session.page.getByRole('main').getByRole('link', { name: 'Decisions', exact: true }).click();
    await session.page.waitForURL(/\/catalog\/default\/component\/payments-api\/decisions/);
    await session.page.getByText('5 decisions', { exact: true }).waitFor();
    assert.equal(await session.page.getByTestId('decision-row').count(), 5);
    const record = session.page.getByRole('link', { name: /Record a decision/i });
    const href = await record.getAttribute('href');
    assert.equal(
      href,
      `/create/templates/default/new-decision-record?formData=${encodeURIComponent(
        JSON.stringify({ entity: 'component:default/payments-api' }),
      )}`,
    );
    await session.page.screenshot({ path: path.join(session.artifacts, 'decisions-entity-tab.png') });
  });

  it('raised no uncaught page error on the way', () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
