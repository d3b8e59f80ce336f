// Drives the real scaffolder of a running backend: create a task, wait for it, read its log.
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchRetry } from './backend.mjs';

/** POST /v2/tasks; resolves to { status, body }, so that refusals can be asserted too. */
export async function createTask(baseUrl, token, { templateRef, values, secrets }) {
  const res = await fetchRetry(`${baseUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ templateRef, values, secrets }),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** Waits until the task has finished; returns the task and the text of its log. */
export async function waitForTask(baseUrl, token, taskId, { timeoutMs = 180_000 } = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await (await fetchRetry(`${baseUrl}/api/scaffolder/v2/tasks/${taskId}`, { headers })).json();
    if (['completed', 'failed', 'cancelled'].includes(task.status)) {
      const events = await (await fetchRetry(`${baseUrl}/api/scaffolder/v2/tasks/${taskId}/events`, { headers })).json();
      const log = events.map(e => `${e.body?.stepId ?? '-'} ${e.body?.message ?? ''}`).join('\n');
      return { task, events, log };
    }
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${task.status} after ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** The form values of the developer journey (JOURNEYS.md), with overrides. */
export function serviceValues(overrides = {}) {
  return {
    name: 'refunds-api',
    description: 'Refunds for card payments, per tenant',
    owner: 'group:default/payments-team',
    system: 'system:default/payments',
    tenant: 'acme',
    dataClassification: 'confidential',
    sloAvailability: 99.9,
    sloLatencyP95Ms: 300,
    costCenter: 'cc-payments',
    patterns: [],
    publishTo: 'local',
    ...overrides,
  };
}
