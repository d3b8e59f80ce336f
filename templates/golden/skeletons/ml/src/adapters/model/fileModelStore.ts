import { readFile } from 'node:fs/promises';
import type { LogisticModel } from '../../core/model.ts';
import type { ModelStore } from '../../ports/modelStore.ts';

/** Checks that a parsed model.json has the shape the core expects; throws otherwise. */
export function assertModel(value: unknown): asserts value is LogisticModel {
  const model = value as Partial<LogisticModel> | null;
  const problems: string[] = [];
  if (!model || typeof model !== 'object') throw new Error('model.json is not an object');
  if (typeof model.name !== 'string' || typeof model.version !== 'string') problems.push('name and version are required');
  if (!Array.isArray(model.features) || model.features.length === 0) problems.push('features are required');
  if (!Array.isArray(model.weights) || model.weights.length !== model.features?.length) problems.push('one weight per feature is required');
  if (model.weights?.some(weight => !Number.isFinite(weight))) problems.push('weights must be finite numbers');
  if (!Number.isFinite(model.bias)) problems.push('bias must be a number');
  if (typeof model.threshold !== 'number' || model.threshold <= 0 || model.threshold >= 1) problems.push('threshold must be in (0, 1)');
  for (const feature of model.features ?? []) {
    if (!Number.isFinite(feature.mean) || !(feature.std > 0)) problems.push(`feature ${feature.name} needs a mean and a positive std`);
  }
  if (problems.length > 0) throw new Error(`Invalid model: ${problems.join('; ')}`);
}

/** Reads the model from a JSON file (model/model.json, shipped in the image). */
export class FileModelStore implements ModelStore {
  private readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async load(): Promise<LogisticModel> {
    const parsed: unknown = JSON.parse(await readFile(this.path, 'utf8'));
    assertModel(parsed);
    return parsed;
  }
}
