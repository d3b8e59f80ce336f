// The newcomer's first visit: sign in as guest, land on the home page, browse the catalog and
// open a component and the portal's own APIs. Any uncaught page error fails the test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { root } from '../lib/backend.mjs';
import { APP_URL, portalSession } from '../lib/portal.mjs';

// The demo org's twelve components, and the portal's own packages from its catalog-info.yaml.
const DEMO_COMPONENTS = 12;
const portalEntities = YAML.parseAllDocuments(fs.readFileSync(path.join(root, 'catalog-info.yaml'), 'utf8'))
  .map(document => document.toJS());
const portalComponents = portalEntities.filter(entity => entity.kind === 'Component').length;


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
    await session.page.getByText(`All Components (${DEMO_COMPONENTS + portalComponents})`).waitFor();
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

  it("lists the portal's own APIs and renders one from its OpenAPI spec", async () => {
    await session.page.getByRole('link', { name: 'APIs', exact: true }).first().click();
    await session.page.waitForURL(/\/api-docs/);
    for (const api of portalEntities.filter(entity => entity.kind === 'API')) {
      await session.page.getByRole('link', { name: api.metadata.title, exact: true }).waitFor();
    }
    await session.page.getByRole('link', { name: 'Souverain decision browser API', exact: true }).click();
    await session.page.waitForURL(/\/catalog\/default\/api\/souverain-adr-api/);
    // The overview renders the definition with Swagger UI: the operations of
    // plugins/adr-backend/src/schema/openapi.yaml, and the package that provides them.
    await session.page.getByRole('tab', { name: 'OpenAPI' }).waitFor();
    await session.page.getByText('/records', { exact: true }).first().waitFor();
    await session.page.getByText('/records/{id}', { exact: true }).first().waitFor();
    await session.page.getByRole('link', { name: '@souverain/plugin-adr-backend', exact: true }).first().waitFor();
    await session.page.screenshot({ path: path.join(session.artifacts, 'souverain-adr-api.png'), fullPage: true });
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
