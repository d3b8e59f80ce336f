import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogLevel } from './ports/logger.ts';
import { LOG_LEVELS } from './ports/logger.ts';

/** Runtime configuration, read once from the environment (twelve-factor style). */
export interface Config {
  serviceName: string;
  version: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Folder holding package.json: assets (web bundle, model) are found from it. */
  rootDir: string;
  bodyLimitBytes: number;
  /** How long in-flight requests get to finish after SIGTERM. */
  shutdownGraceMs: number;
}

/** The nearest folder above this file that holds a package.json (works from src/ and dist/). */
export function findRootDir(start: string = import.meta.dirname): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

function integer(env: NodeJS.ProcessEnv, key: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${key} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** Reads the configuration; throws on invalid values so that a bad deploy fails fast. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = findRootDir()): Config {
  const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  return {
    serviceName: env.SERVICE_NAME || pkg.name,
    version: env.SERVICE_VERSION && env.SERVICE_VERSION !== 'unknown' ? env.SERVICE_VERSION : pkg.version,
    host: env.HOST || '0.0.0.0',
    port: integer(env, 'PORT', 8080, 0, 65535),
    logLevel,
    rootDir,
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000),
  };
}
