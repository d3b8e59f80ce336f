// The concierge end to end on real backends: requests through the HTTP API, credentials that
// are real PostgreSQL roles on the server at 127.0.0.1:5432, and the audit log checked after
// each scenario. One backend runs on SQLite; two replicas share one PostgreSQL for the crash
// and expiry scenarios.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  catalogEntities,
  dropTestDatabases,
  eventually,
  fetchRetry,
  guestToken,
  postgresEnv,
  root,
  startBackend,
} from '../lib/backend.mjs';
import { conciergeClient, CRASH_BEFORE_ISSUE_BACKEND } from '../lib/concierge.mjs';
import { createTenantDatabase, dropTenantDatabases, pg, rolesOf } from '../lib/tenants.mjs';

const require = createRequire(path.join(root, 'packages/backend/package.json'));
const Database = require('better-sqlite3');

const CLAIRE = 'user:default/claire.moreau'; // payments-team: owner of the tenant databases
const SOFIA = 'user:default/sofia.martin'; // security-team

function conciergeBackend({ name, configs, env = {}, port, entry }) {
  const ctx = { name };
  const start = async (startEnv, startEntry) => {
    ctx.backend = await startBackend({ port, configs, env: startEnv, entry: startEntry });
    ctx.baseUrl = ctx.backend.baseUrl;
    await eventually(
      async () => {
        ctx.token = await guestToken(ctx.baseUrl);
        const resources = await catalogEntities(ctx.baseUrl, ctx.token, 'kind=resource');
        const users = await catalogEntities(ctx.baseUrl, ctx.token, 'kind=user');
        return resources.length >= 10 && users.length >= 17;
      },
      { what: 'the demo resources and users' },
    );
    ctx.call = conciergeClient(ctx.baseUrl, () => ctx.token);
  };
  before(() => start(env, entry));
  /**
   * Stops this backend (or what is left of it) and starts it again: the portal's own backend
   * with its first variables, unless told otherwise.
   */
  ctx.restart = async ({ env: restartEnv = env, entry: restartEntry } = {}) => {
    await ctx.backend?.stop();
    await start(restartEnv, restartEntry);
  };
  after(async () => {
    await ctx.backend?.stop();
  });
  return ctx;
}

const readAcme = {
  resourceRef: 'resource:default/acme-payments-db',
  accessLevel: 'read',
  durationMinutes: 120,
  justification: 'Reconcile the refunds of INC-4711',
};

describe('the concierge on SQLite, with credentials from PostgreSQL', () => {
  const prefix = `souverain_e2e_tenant_${crypto.randomBytes(3).toString('hex')}_`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'souverain-concierge-'));
  before(async () => {
    await createTenantDatabase(`${prefix}acme-payments-db`);
    await createTenantDatabase(`${prefix}globex-payments-db`);
  });
  const ctx = conciergeBackend({
    name: 'sqlite',
    port: 7109,
    configs: [
      'app-config.yaml',
      'e2e/fixtures/app-config.backend-test.yaml',
      'e2e/fixtures/app-config.sqlite-test.yaml',
      'e2e/fixtures/app-config.concierge-test.yaml',
    ],
    env: { SOUVERAIN_TEST_DATA_DIR: dataDir, SOUVERAIN_TEST_TENANT_PREFIX: prefix },
  });
  after(async () => {
    await dropTenantDatabases(prefix);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('journey: ask for read access, get approved, reveal the connection string once, connect, revoke', async () => {
    const key = crypto.randomUUID();
    const created = await ctx.call('POST', '/requests', { body: readAcme, headers: { 'Idempotency-Key': key } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.state, 'pending');
    assert.equal(created.body.policy, 'production-read');
    const id = created.body.id;

    // The same key and body replay the first answer; another body with that key is refused
    const replay = await ctx.call('POST', '/requests', { body: readAcme, headers: { 'Idempotency-Key': key } });
    assert.equal(replay.status, 200);
    assert.equal(replay.body.id, id);
    const reused = await ctx.call('POST', '/requests', {
      body: { ...readAcme, durationMinutes: 60 },
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(reused.status, 422);
    assert.match(reused.body.error.message, /Idempotency-Key was already used/);

    // The approver's inbox shows it; the requester cannot approve it
    const inbox = await ctx.call('GET', '/requests?inbox=true', { as: CLAIRE });
    assert.ok(inbox.body.items.some(r => r.id === id && r.justification === readAcme.justification));
    const own = await ctx.call('POST', `/requests/${id}/approve`, { body: {} });
    assert.equal(own.status, 403);
    assert.equal(own.body.error.message, 'You cannot approve your own request');

    const approved = await ctx.call('POST', `/requests/${id}/approve`, { body: { comment: 'ok' }, as: CLAIRE });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.state, 'active');
    assert.ok(Date.parse(approved.body.expiresAt) - Date.now() > 110 * 60_000);
    assert.deepEqual(approved.body.actions, ['revoke'], 'the approver may end it early but not reveal it');

    const mine = await ctx.call('GET', `/requests/${id}`);
    assert.ok(mine.body.actions.includes('reveal'));
    const revealed = await ctx.call('POST', `/requests/${id}/credential`, { body: {} });
    assert.equal(revealed.status, 200);
    assert.equal(revealed.headers.get('cache-control'), 'no-store, no-transform');
    assert.match(revealed.body.secret, /^postgresql:\/\/concierge_[0-9a-f]{24}:/);
    const again = await ctx.call('POST', `/requests/${id}/credential`, { body: {} });
    assert.equal(again.status, 410);

    const session = new pg.Client({ connectionString: revealed.body.secret });
    // Revoking ends this session from the server side; the client reports it as an error event.
    const ended = new Promise(resolve => session.on('error', resolve));
    await session.connect();
    const { rows } = await session.query('SELECT count(*)::int AS n FROM payments');
    assert.equal(rows[0].n, 3);
    await assert.rejects(session.query('INSERT INTO payments (amount_cents) VALUES (1)'), /permission denied/);

    const revoked = await ctx.call('POST', `/requests/${id}/revoke`, { body: { reason: 'done' } });
    assert.equal(revoked.body.state, 'revoked');
    assert.match(String(await ended), /terminating connection due to administrator command/);
    await assert.rejects(session.query('SELECT 1'));
    await session.end().catch(() => {});
    assert.deepEqual(await rolesOf(id), []);
    const fresh = new pg.Client({ connectionString: revealed.body.secret });
    await assert.rejects(fresh.connect(), /does not exist/);
    await fresh.end().catch(() => {});

    // The history is kept, and no secret is in the request or the audit log
    const history = await ctx.call('GET', `/requests/${id}`);
    assert.deepEqual(history.body.transitions.map(t => t.to), ['pending', 'approved', 'active', 'revoked']);
    const audit = await ctx.call('GET', `/audit?requestId=${id}&limit=100`);
    assert.ok(!JSON.stringify(audit.body).includes(revealed.body.secret.split(':')[2].split('@')[0]));
    // The guest approved acting as Claire (the demo's "acting as"): the log names both
    const approval = audit.body.items.find(e => e.action === 'request.approved');
    assert.equal(approval.actor, CLAIRE);
    assert.equal(approval.details.signedInAs, 'user:default/guest');
    assert.equal(audit.body.items.find(e => e.action === 'request.created').details.signedInAs, undefined);
  });

  it('approvers and the requester are told through Backstage notifications', async () => {
    // Claire (payments-team) asks; the guest, in the same team, is one of the approvers
    const asked = await ctx.call('POST', '/requests', {
      body: { ...readAcme, justification: 'Check the payouts of INC-4790' },
      as: CLAIRE,
    });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    const link = `/access?request=${asked.body.id}`;
    const notificationsOfGuest = async () => {
      const response = await fetchRetry(`${ctx.baseUrl}/api/notifications?limit=100`, {
        headers: { authorization: `Bearer ${ctx.token}` },
      });
      assert.equal(response.status, 200);
      return (await response.json()).notifications.filter(n => n.payload.link === link);
    };
    const [toApprover] = await eventually(async () => {
      const found = await notificationsOfGuest();
      return found.length > 0 && found;
    }, { timeoutMs: 20_000, what: "the approver's notification" });
    assert.equal(toApprover.payload.title, 'Access request for Acme payments database');
    assert.match(toApprover.payload.description, /claire\.moreau asks for read access for 2 h: Check the payouts of INC-4790/);
    assert.equal(toApprover.origin, 'plugin:concierge');

    // The guest approves; Claire is told her access is active (read from the notifications
    // plugin's own database, since the test signs in only as the guest)
    const approved = await ctx.call('POST', `/requests/${asked.body.id}/approve`, { body: {} });
    assert.equal(approved.body.state, 'active', JSON.stringify(approved.body));
    const notificationsDb = new Database(path.join(dataDir, 'notifications.sqlite'), { readonly: true });
    try {
      const rows = await eventually(async () => {
        const found = notificationsDb.prepare('SELECT user, title FROM notification WHERE link = ? ORDER BY created').all(link);
        return found.some(r => r.user === CLAIRE) && found;
      }, { timeoutMs: 20_000, what: "the requester's notification" });
      assert.deepEqual(
        rows.filter(r => r.user === CLAIRE).map(r => r.title),
        ['Access to Acme payments database approved'],
        'the requester is told of the grant, never asked to approve her own request',
      );
      assert.ok(rows.some(r => r.user === 'user:default/thomas.petit' && r.title.startsWith('Access request for')));
    } finally {
      notificationsDb.close();
    }
    await ctx.call('POST', `/requests/${asked.body.id}/revoke`, { body: {} });
  });

  it('bad input: unknown resource 404, over the maximum 400 naming it, self-approval 403, cancelled 409', async () => {
    const unknown = await ctx.call('POST', '/requests', { body: { ...readAcme, resourceRef: 'resource:default/nope-db' } });
    assert.equal(unknown.status, 404);
    const tooLong = await ctx.call('POST', '/requests', { body: { ...readAcme, durationMinutes: 600 } });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body.error.message, /maximum of 480 minutes \(8 h\)/);
    const noWhy = await ctx.call('POST', '/requests', { body: { ...readAcme, justification: 'x' } });
    assert.equal(noWhy.status, 400);
    assert.match(noWhy.body.error.message, /justification/);
    const badLevel = await ctx.call('POST', '/requests', { body: { ...readAcme, accessLevel: 'root' } });
    assert.equal(badLevel.status, 400);
    const stranger = await ctx.call('GET', '/whoami', { as: 'user:default/nobody' });
    assert.equal(stranger.status, 403);

    const { body: request } = await ctx.call('POST', '/requests', { body: readAcme });
    const denyWithoutComment = await ctx.call('POST', `/requests/${request.id}/deny`, { body: {}, as: SOFIA });
    assert.equal(denyWithoutComment.status, 400);
    assert.equal((await ctx.call('POST', `/requests/${request.id}/cancel`, { body: {} })).body.state, 'cancelled');
    const late = await ctx.call('POST', `/requests/${request.id}/approve`, { body: {}, as: SOFIA });
    assert.equal(late.status, 409);
    const missing = await ctx.call('GET', `/requests/${crypto.randomUUID()}`);
    assert.equal(missing.status, 404);
  });

  it('a token that was accepted once lets no altered copy in (the backend reuses verified tokens)', async () => {
    const asIs = await ctx.call('GET', '/whoami');
    assert.equal(asIs.status, 200);
    const [header, payload, signature] = ctx.token.split('.');
    const flip = c => (c === 'A' ? 'B' : 'A');
    const otherSignature = signature.slice(0, 10) + flip(signature[10]) + signature.slice(11);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const asClaire = Buffer.from(JSON.stringify({ ...claims, sub: CLAIRE })).toString('base64url');
    for (const forged of [
      `${header}.${payload}.${otherSignature}`,
      `${header}.${asClaire}.${signature}`,
      `${header}.${payload}.`,
    ]) {
      const res = await fetchRetry(`${ctx.baseUrl}/api/concierge/whoami`, { headers: { Authorization: `Bearer ${forged}` } });
      assert.equal(res.status, 401, `a forged token got ${res.status}`);
    }
    assert.equal((await ctx.call('GET', '/whoami')).body.userEntityRef, asIs.body.userEntityRef);
  });

  it('of several simultaneous approvals exactly one wins and the others get 409', async () => {
    // A production read: the owner team and security may approve it (six people here)
    const { body: request } = await ctx.call('POST', '/requests', { body: { ...readAcme, durationMinutes: 30 } });
    const approvers = [CLAIRE, 'user:default/thomas.petit', 'user:default/ana.ferreira', SOFIA, 'user:default/mathieu.leroy', 'user:default/elena.rossi'];
    const results = await Promise.all(
      approvers.map(as => ctx.call('POST', `/requests/${request.id}/approve`, { body: {}, as })),
    );
    assert.deepEqual(results.map(r => r.status).sort(), [200, 409, 409, 409, 409, 409]);
    const audit = await ctx.call('GET', `/audit?requestId=${request.id}&limit=100`);
    assert.equal(audit.body.items.filter(e => e.action === 'credential.issued').length, 1);
    await ctx.call('POST', `/requests/${request.id}/revoke`, { body: {} });
  });

  it('a missing target database fails the request with its reason, leaves no role, and retry succeeds', async () => {
    const body = { ...readAcme, resourceRef: 'resource:default/initech-payments-db' };
    const { body: request } = await ctx.call('POST', '/requests', { body });
    const failed = await ctx.call('POST', `/requests/${request.id}/approve`, { body: {}, as: CLAIRE });
    assert.equal(failed.body.state, 'failed');
    assert.match(failed.body.failureReason, /does not exist/);
    assert.ok(!/password/i.test(failed.body.failureReason));
    assert.deepEqual(await rolesOf(request.id), []);
    assert.ok(failed.body.actions.includes('retry') || (await ctx.call('GET', `/requests/${request.id}`)).body.actions.includes('retry'));

    await createTenantDatabase(`${prefix}initech-payments-db`);
    const retried = await ctx.call('POST', `/requests/${request.id}/retry`, { body: {} });
    assert.equal(retried.body.state, 'active');
    assert.equal((await rolesOf(request.id)).length, 1);
    await ctx.call('POST', `/requests/${request.id}/revoke`, { body: {} });
  });

  it('a backend killed between approval and issuance completes the issuance after its restart', async () => {
    const { body: request } = await ctx.call('POST', '/requests', {
      body: { ...readAcme, justification: 'Compare the ledgers of INC-4801' },
    });
    // The only backend dies right after the approval commits, before any credential exists: it
    // runs with a test-only module whose PostgreSQL provider kills the process when asked to issue
    await ctx.restart({ entry: CRASH_BEFORE_ISSUE_BACKEND });
    await assert.rejects(ctx.call('POST', `/requests/${request.id}/approve`, { body: {}, as: CLAIRE }));
    await ctx.restart();
    // The restarted backend's sweep resumes it once the dead attempt's 30 s lease has lapsed
    const active = await eventually(
      async () => {
        const { body } = await ctx.call('GET', `/requests/${request.id}`);
        return body.state === 'active' && body;
      },
      { timeoutMs: 90_000, what: 'the restarted backend to complete the issuance' },
    );
    assert.equal((await rolesOf(request.id)).length, 1);
    const { body: credential } = await ctx.call('POST', `/requests/${request.id}/credential`, { body: {} });
    const client = new pg.Client({ connectionString: credential.secret });
    await client.connect();
    try {
      assert.equal((await client.query('SELECT count(*)::int AS n FROM payments')).rows[0].n, 3);
    } finally {
      await client.end();
    }
    const actions = (await ctx.call('GET', `/audit?requestId=${request.id}&limit=100`)).body.items.map(e => e.action);
    assert.deepEqual(actions.slice(0, 4), ['request.created', 'request.approval', 'request.approved', 'credential.issuing']);
    assert.equal(actions.filter(a => a === 'credential.issued').length, 1);
    assert.equal((await ctx.call('POST', '/audit/verify', { body: {} })).body.intact, true);
    await ctx.call('POST', `/requests/${active.id}/revoke`, { body: {} });
  });

  it('the audit log verifies, exports as JSON lines, and names the one row edited in the database', async () => {
    const verified = await ctx.call('POST', '/audit/verify', { body: {} });
    assert.equal(verified.body.intact, true, verified.body.message);
    assert.match(verified.body.message, /^Chain intact, \d+ entries$/);
    const exported = await fetchRetry(`${ctx.baseUrl}/api/concierge/audit/export`, {
      headers: { Authorization: `Bearer ${ctx.token}` },
    });
    const lines = (await exported.text()).trim().split('\n').map(l => JSON.parse(l));
    assert.equal(lines.length, verified.body.headSeq);
    assert.deepEqual(lines.map(l => l.seq), lines.map((_, i) => i + 1));

    const db = new Database(path.join(dataDir, 'concierge.sqlite'));
    try {
      db.prepare("UPDATE concierge_audit SET actor = 'user:default/someone-else' WHERE seq = 5").run();
    } finally {
      db.close();
    }
    const broken = await ctx.call('POST', '/audit/verify', { body: {} });
    assert.equal(broken.body.intact, false);
    assert.equal(broken.body.firstBadSeq, 5);
    assert.equal(broken.body.problem, 'altered');
  });
});

describe('the concierge on two replicas sharing PostgreSQL', () => {
  const prefix = `souverain_e2e_cr_${crypto.randomBytes(3).toString('hex')}_`;
  const tenantPrefix = `${prefix}tenant_`;
  const env = {
    ...postgresEnv({ prefix, appUrl: 'http://localhost:3109', backendUrl: 'http://localhost:7109' }),
    SOUVERAIN_TEST_TENANT_PREFIX: tenantPrefix,
  };
  const configs = [
    'app-config.yaml',
    'app-config.production.yaml',
    'e2e/fixtures/app-config.backend-test.yaml',
    'e2e/fixtures/app-config.concierge-test.yaml',
  ];
  before(async () => {
    await createTenantDatabase(`${tenantPrefix}acme-payments-db`);
  });
  const first = conciergeBackend({ name: 'replica-a', port: 7109, configs, env, entry: CRASH_BEFORE_ISSUE_BACKEND });
  const second = conciergeBackend({
    name: 'replica-b',
    port: 7110,
    configs: [...configs, 'e2e/fixtures/app-config.concierge-replica.yaml'],
    env: { ...env, APP_BASE_URL: 'http://localhost:3110', BACKEND_BASE_URL: 'http://localhost:7110' },
  });
  after(async () => {
    await dropTenantDatabases(tenantPrefix);
    await dropTestDatabases(prefix);
  });

  it('a backend killed between approval and issuance: the other replica completes the issuance, the log stays consistent', async () => {
    const { body: request } = await first.call('POST', '/requests', { body: readAcme });
    assert.equal(request.state, 'pending');
    // Replica A dies right after the approval commits
    await assert.rejects(first.call('POST', `/requests/${request.id}/approve`, { body: {}, as: CLAIRE }));
    const active = await eventually(
      async () => {
        const { body } = await second.call('GET', `/requests/${request.id}`);
        return body.state === 'active' && body;
      },
      { timeoutMs: 90_000, what: 'the issuance to be completed by replica B once the 30 s lease lapsed' },
    );
    assert.equal((await rolesOf(request.id)).length, 1);
    const actions = (await second.call('GET', `/audit?requestId=${request.id}&limit=100`)).body.items.map(e => e.action);
    // The approval took the issuance lease before the kill; replica B took it again once it lapsed
    assert.deepEqual(actions, [
      'request.created',
      'request.approval',
      'request.approved',
      'credential.issuing',
      'credential.issuing',
      'credential.issued',
      'request.active',
    ]);
    assert.equal((await second.call('POST', '/audit/verify', { body: {} })).body.intact, true);
    await second.call('POST', `/requests/${active.id}/revoke`, { body: {} });
  });

  it('a one-minute grant is revoked once by two live replicas, within 60 s of its expiry, and its role can no longer log in', async () => {
    // Replica A was killed by the test before: start it again, without the crashing module, so
    // that both replicas run the scheduled sweep against the one database
    await first.restart();
    const { body: request } = await first.call('POST', '/requests', { body: { ...readAcme, durationMinutes: 1 } });
    await second.call('POST', `/requests/${request.id}/approve`, { body: {}, as: CLAIRE });
    const { body: credential } = await first.call('POST', `/requests/${request.id}/credential`, { body: {} });
    assert.match(credential.secret, /^postgresql:/);
    const expired = await eventually(
      async () => {
        const { body } = await second.call('GET', `/requests/${request.id}`);
        return body.state === 'expired' && body;
      },
      { timeoutMs: 150_000, intervalMs: 500, what: 'the grant to expire' },
    );
    const audit = (await second.call('GET', `/audit?requestId=${request.id}&limit=100`)).body.items;
    const revokes = audit.filter(e => e.action === 'credential.revoked');
    assert.equal(revokes.length, 1, 'revoked once, by one replica');
    const lagMs = Date.parse(revokes[0].at) - Date.parse(expired.expiresAt);
    console.log(`# expired grant revoked ${lagMs} ms after its expiry`);
    assert.ok(lagMs >= 0 && lagMs <= 60_000, `revoked ${lagMs} ms after expiry`);
    assert.deepEqual(await rolesOf(request.id), []);
    // Both replicas were alive throughout, and both see the one outcome
    for (const replica of [first, second]) {
      const { status, body } = await replica.call('GET', `/requests/${request.id}`);
      assert.equal(status, 200, `${replica.name} answers`);
      assert.equal(body.state, 'expired');
    }
    assert.equal((await first.call('POST', '/audit/verify', { body: {} })).body.intact, true);
    const late = new pg.Client({ connectionString: credential.secret });
    await assert.rejects(late.connect());
    await late.end().catch(() => {});
    await sleep(0);
  });
});
