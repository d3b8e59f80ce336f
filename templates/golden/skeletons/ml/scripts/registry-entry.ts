// ML gate 4: the registry entry of this release: model version, dataset fingerprint,
// signature, validation metrics, and the image it ships in. Written to reports/registry-entry.json
// (kept as a CI artefact; a model registry would receive it through its API).
// Environment: GIT_SHA, IMAGE (name) and IMAGE_DIGEST, as set by CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, loadRegistry, ROOT } from './lib/config.ts';

const registry = loadRegistry();
const model = loadModel();
const validationFile = join(ROOT, 'reports', 'validation.json');
if (!existsSync(validationFile)) {
  console.error('reports/validation.json is missing: run `npm run ml:validate` first.');
  process.exit(1);
}
const validation = JSON.parse(readFileSync(validationFile, 'utf8')) as { passed: boolean; metrics: unknown; fairness: unknown };
if (!validation.passed) {
  console.error('The model did not pass validation: no registry entry.');
  process.exit(1);
}

const entry = {
  model: registry.model,
  dataset: { path: registry.dataset.path, fingerprint: registry.dataset.fingerprint, rows: registry.dataset.rows },
  hyperparameters: registry.hyperparameters,
  signature: registry.signature,
  weights: { features: model.features.map(f => f.name), coefficients: model.weights, bias: model.bias, threshold: model.threshold },
  validation: { metrics: validation.metrics, fairness: validation.fairness },
  release: {
    commit: process.env.GIT_SHA ?? 'local',
    image: process.env.IMAGE ?? null,
    digest: process.env.IMAGE_DIGEST ?? null,
    createdAt: new Date().toISOString(),
  },
};
mkdirSync(join(ROOT, 'reports'), { recursive: true });
writeFileSync(join(ROOT, 'reports', 'registry-entry.json'), `${JSON.stringify(entry, null, 2)}\n`);
console.log(`Registry entry written for ${model.name} ${model.version} (reports/registry-entry.json).`);
