import type { LogisticModel } from '../../src/core/model.ts';
import { trainLogisticRegression } from '../../src/core/training.ts';
import { fromRoot, type Registry } from './config.ts';
import { fingerprint, readCsv } from './dataset.ts';

/** Fits the model described by registry.yaml on its training dataset. */
export function trainFromRegistry(registry: Registry): LogisticModel {
  const data = readCsv(fromRoot(registry.dataset.path));
  const specs = registry.features.map(name => {
    const input = registry.signature.inputs.find(candidate => candidate.name === name);
    if (!input) throw new Error(`feature ${name} is not in signature.inputs`);
    return { name, type: input.type as 'number' | 'integer' | 'binary', min: input.min, max: input.max };
  });
  return trainLogisticRegression(
    {
      rows: data.rows.map(row => registry.features.map(name => Number(row[name]))),
      labels: data.rows.map(row => (row[registry.dataset.label] === '1' ? 1 : 0)),
      specs,
    },
    registry.hyperparameters,
    { name: registry.model.name, version: registry.model.version, datasetFingerprint: fingerprint(fromRoot(registry.dataset.path)) },
  );
}
