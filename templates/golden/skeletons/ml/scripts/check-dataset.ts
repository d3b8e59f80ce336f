// ML gate 1: the training and holdout datasets match the schema and the fingerprints recorded in
// model/registry.yaml, and model.json was trained on that exact training data.
import { fromRoot, loadModel, loadRegistry } from './lib/config.ts';
import { checkSchema, fingerprint, readCsv } from './lib/dataset.ts';

const registry = loadRegistry();
const failures: string[] = [];

for (const [name, entry] of [['dataset', registry.dataset], ['holdout', registry.holdout]] as const) {
  const path = fromRoot(entry.path);
  const data = readCsv(path);
  failures.push(...checkSchema(data, registry.dataset.schema).map(problem => `${entry.path}: ${problem}`));
  if (data.rows.length !== entry.rows) failures.push(`${entry.path}: ${data.rows.length} rows, registry.yaml says ${entry.rows}`);
  const actual = fingerprint(path);
  if (actual !== entry.fingerprint) failures.push(`${name} fingerprint is ${actual}, registry.yaml says ${entry.fingerprint}`);
}
const model = loadModel();
if (model.datasetFingerprint !== registry.dataset.fingerprint) {
  failures.push(`model.json was trained on ${model.datasetFingerprint}, not on the registered dataset ${registry.dataset.fingerprint}`);
}
if (model.name !== registry.model.name || model.version !== registry.model.version) {
  failures.push(`model.json is ${model.name} ${model.version}, registry.yaml says ${registry.model.name} ${registry.model.version}`);
}

if (failures.length > 0) {
  console.error(`Dataset check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`Dataset check passed: ${registry.dataset.path} ${registry.dataset.fingerprint}`);
