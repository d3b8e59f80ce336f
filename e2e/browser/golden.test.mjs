// The developer's first journey: Create -> Golden API service -> the form -> the task log -> the
// new component's page, then the Golden services page lists it as up to date.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually, guestToken } from '../lib/backend.mjs';
import { APP_URL, portalSession } from '../lib/portal.mjs';


describe('creating a golden service in a browser', () => {
  const session = portalSession({
    name: 'golden',
    ready: backendUrl =>
      eventually(
        async () => {
          const token = await guestToken(backendUrl);
          const res = await fetch(
            `${backendUrl}/api/catalog/entities/by-query?filter=kind=template,metadata.name=golden-api-service&filter=kind=group,metadata.name=payments-team`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          return res.ok && (await res.json()).items.length === 2;
        },
        { what: 'the golden templates and the demo org in the catalog' },
      ),
  });

  it('refuses a bad name in the form, naming the rule', async () => {
    await session.page.goto(`${APP_URL}/create/templates/default/golden-api-service`);
    const name = session.page.getByLabel('Name', { exact: false }).first();
    await name.fill('../Refunds');
    await session.page.getByText(/breaks the rule "no-path"/).first().waitFor();
    await name.fill('payments-api');
    await session.page.getByText(/already in the catalog/).first().waitFor();
  });

  it('creates refunds-api from the form and lands on its page', async () => {
    await session.page.goto(`${APP_URL}/create/templates/default/golden-api-service`);
    await session.page.getByLabel('Name', { exact: false }).first().fill('refunds-api');
    await session.page.getByLabel('Description', { exact: false }).first().fill('Refunds for card payments, per tenant');
    const owner = session.page.getByLabel('Owner', { exact: false }).first();
    await owner.click();
    await owner.fill('payments');
    await session.page.getByRole('option', { name: /payments-team|Payments Team/ }).first().click();
    const system = session.page.getByLabel('System', { exact: false }).first();
    await system.click();
    await system.fill('payments');
    await session.page.getByRole('option', { name: /^payments$|Payments/ }).first().click();
    await session.page.getByRole('button', { name: 'Next' }).click();
    // Tenant, data and operations: defaults, with the journey's classification
    await session.page.getByLabel('Data classification', { exact: false }).first().click();
    await session.page.getByRole('option', { name: 'Confidential' }).click();
    await session.page.getByRole('button', { name: 'Next' }).click();
    // Repository: local by default
    await session.page.getByRole('button', { name: 'Review' }).click();
    await session.page.getByRole('button', { name: 'Create' }).click();
    // The task page shows the steps, then the output links
    await session.page.getByText('Check the request').first().waitFor();
    await session.page.getByRole('link', { name: 'Open in the catalog' }).click({ timeout: 120_000 });
    await session.page.waitForURL(/\/catalog\/default\/component\/refunds-api/);
    await session.page.getByText('payments-team').first().waitFor();
    // The overview: description, links and the golden template card
    await session.page.getByText('Refunds for card payments, per tenant').first().waitFor();
    await session.page.getByRole('link', { name: 'Runbook' }).waitFor();
    await session.page.getByText('Golden template', { exact: true }).waitFor();
    await session.page.getByRole('link', { name: 'Golden API service' }).first().waitFor();
    await session.page.screenshot({ path: path.join(session.artifacts, 'golden-created.png'), fullPage: true });
    // Its first decision record, in the Decisions tab
    await session.page.getByRole('main').getByRole('link', { name: 'Decisions', exact: true }).click();
    await session.page.waitForURL(/\/component\/refunds-api\/decisions/);
    await session.page.getByText('Build refunds-api on the golden service template').first().waitFor();
    await session.page.screenshot({ path: path.join(session.artifacts, 'golden-created-decisions.png') });
  });

  it('lists refunds-api on the Golden services page as up to date', async () => {
    await session.page.goto(`${APP_URL}/golden-services`);
    const row = session.page.getByRole('row', { name: /refunds-api/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Up to date/);
    await session.page.screenshot({ path: path.join(session.artifacts, 'golden-services.png') });
    assert.deepEqual(session.pageErrors, []);
  });
});
