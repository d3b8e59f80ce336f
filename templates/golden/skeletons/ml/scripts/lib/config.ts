import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { assertModel } from '../../src/adapters/model/fileModelStore.ts';
import { findRootDir } from '../../src/config.ts';
import type { LogisticModel } from '../../src/core/model.ts';
import type { Hyperparameters } from '../../src/core/training.ts';
import type { ColumnSchema } from './dataset.ts';

// Typed access to the files under model/: what the ML gates read.

export const ROOT = findRootDir(import.meta.dirname);
export const MODEL_DIR = join(ROOT, 'model');

export interface Registry {
  model: { name: string; version: string; type: string; task: string; artifact: string };
  dataset: { path: string; fingerprint: string; rows: number; label: string; group: string; schema: ColumnSchema[] };
  holdout: { path: string; fingerprint: string; rows: number };
  features: string[];
  hyperparameters: Hyperparameters;
  signature: {
    inputs: Array<{ name: string; type: string; min: number; max: number; description?: string }>;
    outputs: Array<{ name: string; type: string; description?: string }>;
  };
}

export interface ValidationConfig {
  metrics: Record<string, { min: number }>;
  fairness: { group: string; maxDemographicParityDifference: number; maxEqualOpportunityDifference: number; minGroupSize: number };
}

export interface DriftConfig {
  reference: string;
  bins: number;
  features: Record<string, { warn: number; alert: number }>;
  score: { warn: number; alert: number };
}

const readYaml = <T>(file: string): T => parse(readFileSync(join(MODEL_DIR, file), 'utf8')) as T;

export const loadRegistry = () => readYaml<Registry>('registry.yaml');
export const loadValidationConfig = () => readYaml<ValidationConfig>('validation.yaml');
export const loadDriftConfig = () => readYaml<DriftConfig>('drift.yaml');

export function loadModel(): LogisticModel {
  const model: unknown = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8'));
  assertModel(model);
  return model;
}

/** A path from registry.yaml (relative to the repository root) made absolute. */
export const fromRoot = (path: string) => join(ROOT, path);
