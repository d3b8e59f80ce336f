// The concierge journeys in a browser: a developer asks for read access to acme-payments-db,
// an approver (acting as a demo user) approves one request and denies another, the developer
// reveals the connection string once and connects with it, and the audit log verifies.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { eventually, guestToken } from '../lib/backend.mjs';
import { dropTenantDatabases, pg } from '../lib/tenants.mjs';
import { APP_URL, portalSession } from '../lib/portal.mjs';

// app-config.e2e.yaml names the tenant databases with this prefix; they are dropped afterwards.
const TENANT_PREFIX = 'souverain_e2e_tenant_';

async function actAs(page, name) {
  await page.getByLabel('Acting as (demo)').click();
  await page.getByRole('option', { name }).click();
}

async function askForAccess(page, { level, duration, justification, policy, breakGlass = false }) {
  await page.goto(`${APP_URL}/catalog/default/resource/acme-payments-db`);
  await page.getByRole('button', { name: /request access/i }).first().click();
  const dialog = page.getByRole('dialog');
  if (level) await dialog.getByLabel(level).check();
  // What the policy asks is shown before anything is sent
  await dialog.getByText(policy).waitFor();
  if (breakGlass) await dialog.getByLabel('Break glass (emergency)').check();
  await dialog.getByRole('button', { name: duration }).click();
  await dialog.getByLabel(/Justification/).fill(justification);
  await dialog.getByRole('button', { name: breakGlass ? 'Break glass' : /request access/i }).click();
  await page
    .getByLabel('Request sent')
    .getByText(breakGlass ? /Break-glass access granted/ : /pending/i)
    .waitFor();
}

/** Waits until the Approvals tab has loaded: its requests, or the word that there are none. */
async function approvalsLoaded(page) {
  await page.getByText('Nothing to approve').or(page.getByRole('article')).first().waitFor();
}

describe('the concierge in a browser', () => {
  const session = portalSession({
    name: 'concierge',
    ready: backendUrl =>
      eventually(
        async () => {
          const token = await guestToken(backendUrl);
          const res = await fetch(
            `${backendUrl}/api/catalog/entities/by-query?filter=kind=resource,metadata.name=acme-payments-db&filter=kind=user,metadata.name=claire.moreau`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          return res.ok && (await res.json()).items.length === 2;
        },
        { what: 'acme-payments-db and the demo users in the catalog' },
      ),
  });
  after(() => dropTenantDatabases(TENANT_PREFIX));

  const readWhy = 'Reconcile the refunds of INC-4711';
  const writeWhy = 'Fix a stuck capture by hand, INC-4712';

  it('a developer asks for read access for 2 hours and sees the request pending', async () => {
    const { page } = session;
    await askForAccess(page, {
      duration: '2 h',
      justification: readWhy,
      policy: /Needs 1 approval from payments-team or security-team/,
    });
    // Changing production is for the owner team alone to approve
    await askForAccess(page, {
      level: 'Write',
      duration: '1 h',
      justification: writeWhy,
      policy: /Needs 1 approval from payments-team\b(?! or)/,
    });
    await page.goto(`${APP_URL}/access`);
    const mine = page.getByRole('table', { name: 'My requests' });
    await mine.getByRole('row').filter({ hasText: 'read' }).getByText('Pending').waitFor();
    await mine.getByRole('row').filter({ hasText: 'write' }).getByText('Pending').waitFor();
  });

  it('an approver denies the production write with a comment and approves the read', async () => {
    const { page } = session;
    await page.goto(`${APP_URL}/access`);
    // The requester's own inbox does not offer their requests
    await page.getByRole('tab', { name: 'Approvals' }).click();
    await approvalsLoaded(page);
    assert.equal(await page.getByText(readWhy).count(), 0, 'nobody approves their own request');

    await actAs(page, /claire\.moreau/);
    await page.getByRole('tab', { name: 'Approvals' }).click();
    await approvalsLoaded(page);
    const write = page.getByLabel(/Request of guest for acme-payments-db/).filter({ hasText: writeWhy });
    await write.getByRole('button', { name: 'Deny' }).click();
    const deny = page.getByRole('dialog');
    await deny.getByLabel(/comment/i).fill('Use the repair job instead');
    await deny.getByRole('button', { name: 'Deny' }).click();
    await write.waitFor({ state: 'detached' });

    const read = page.getByLabel(/Request of guest for acme-payments-db/).filter({ hasText: readWhy });
    await read.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await read.waitFor({ state: 'detached' });
  });

  it('the developer reveals the connection string once, connects, and sees the time left', async () => {
    const { page } = session;
    await actAs(page, /guest/);
    await page.getByRole('tab', { name: 'My requests' }).click();
    const mine = page.getByRole('table', { name: 'My requests' });
    await mine.getByRole('row').filter({ hasText: 'write' }).getByText('Denied').waitFor();
    const row = mine.getByRole('row').filter({ hasText: 'read' });
    await row.getByText('Active').waitFor();
    await row.getByText(/1 h 5\d min left/).waitFor();
    await row.getByRole('button', { name: /reveal/i }).click();
    const dialog = page.getByRole('dialog', { name: 'Your credential' });
    const secret = (await dialog.getByText(/^postgresql:\/\//).textContent()).trim();
    await dialog.getByRole('button', { name: /I have saved it/i }).click();
    await row.getByText('revealed').waitFor();
    assert.equal(await row.getByRole('button', { name: /reveal/i }).count(), 0, 'shown once');

    const client = new pg.Client({ connectionString: secret });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM payments');
      assert.ok(rows[0].n > 0);
    } finally {
      await client.end();
    }

    // The resource's page shows who holds access now, and for how long
    await page.goto(`${APP_URL}/catalog/default/resource/acme-payments-db`);
    const grants = page.getByRole('list', { name: 'Active grants' });
    const grant = grants.getByRole('listitem').filter({ hasText: /Guest/ }).filter({ hasText: 'read' });
    await grant.getByText(/1 h 5\d min left/).waitFor();
    assert.equal(await grants.getByRole('listitem').count(), 1, 'the denied write grants nothing');
    await page.goto(`${APP_URL}/access`);
  });

  it('the audit log verifies as an intact chain and exports as JSON lines', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: /verify/i }).click();
    await page.getByText(/Chain intact, \d+ entries/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /export/i }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'concierge-audit.jsonl');
    const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\n').map(l => JSON.parse(l));
    assert.ok(lines.some(l => l.action === 'request.denied' && l.details.comment === 'Use the repair job instead'));
    assert.deepEqual(session.pageErrors, []);
  });

  it('break-glass: write access at once, then security reviews it on the Approvals tab', async () => {
    const { page } = session;
    const why = 'Captures stuck for every tenant, INC-4799';
    await askForAccess(page, {
      level: 'Write',
      duration: '1 h',
      justification: why,
      policy: /Needs 1 approval from payments-team/,
      breakGlass: true,
    });
    await page.goto(`${APP_URL}/access`);
    const mine = page.getByRole('table', { name: 'My requests' });
    await mine.getByRole('row').filter({ hasText: 'break glass' }).getByText('Active').waitFor();

    await actAs(page, /sofia\.martin/);
    await page.getByRole('tab', { name: 'Approvals' }).click();
    const reviews = page.getByRole('table', { name: 'Break-glass grants awaiting review' });
    const row = reviews.getByRole('row').filter({ hasText: why });
    await row.waitFor();
    assert.equal(await row.getByText('Overdue').count(), 0, 'due within 24 h, not overdue yet');
    await row.getByRole('button', { name: 'Review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review this break-glass grant' });
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Justified by INC-4799');
    await dialog.getByRole('button', { name: 'Mark reviewed' }).click();
    await row.waitFor({ state: 'detached' });
    await actAs(page, /guest/);
    assert.deepEqual(session.pageErrors, []);
  });
});
