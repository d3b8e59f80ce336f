import type { Router } from './router.ts';

/** A dependency the service needs before it can take traffic (a database, a loaded model...). */
export interface ReadinessCheck {
  name: string;
  check(): boolean | Promise<boolean>;
}

export interface HealthOptions {
  service: string;
  version: string;
  checks?: ReadinessCheck[];
  /** True once shutdown began: readiness fails so that traffic drains. */
  isShuttingDown?: () => boolean;
  /** How long one check may take before it counts as failed; 2 s by default. */
  checkTimeoutMs?: number;
}

async function run(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>(resolve => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz` (liveness: the process answers) and `/readyz` (readiness: every dependency is
 * ready and the service is not shutting down).
 */
export function addHealthRoutes(router: Router, options: HealthOptions): void {
  const checks = options.checks ?? [];
  const timeoutMs = options.checkTimeoutMs ?? 2000;

  router.add('GET', '/healthz', () => ({
    status: 200,
    json: { status: 'ok', service: options.service, version: options.version },
  }));

  router.add('GET', '/readyz', async () => {
    const results: Record<string, 'ok' | 'failing'> = {};
    await Promise.all(
      checks.map(async check => {
        results[check.name] = (await run(check, timeoutMs)) ? 'ok' : 'failing';
      }),
    );
    const shuttingDown = options.isShuttingDown?.() ?? false;
    const ready = !shuttingDown && Object.values(results).every(result => result === 'ok');
    return {
      status: ready ? 200 : 503,
      json: { status: ready ? 'ready' : shuttingDown ? 'shutting-down' : 'not-ready', checks: results },
    };
  });
}
