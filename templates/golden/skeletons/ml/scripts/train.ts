// Refits the model on model/data/train.csv with the hyperparameters of model/registry.yaml,
// writes model/model.json and records the datasets' fingerprints and sizes in registry.yaml.
// Bump model.version in registry.yaml first when the result will be released.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { fromRoot, loadRegistry, MODEL_DIR } from './lib/config.ts';
import { fingerprint, readCsv } from './lib/dataset.ts';
import { trainFromRegistry } from './lib/train.ts';

const registry = loadRegistry();
const model = trainFromRegistry(registry);
writeFileSync(join(MODEL_DIR, 'model.json'), `${JSON.stringify(model, null, 2)}\n`);

const file = join(MODEL_DIR, 'registry.yaml');
const document = parseDocument(readFileSync(file, 'utf8'));
document.setIn(['dataset', 'fingerprint'], fingerprint(fromRoot(registry.dataset.path)));
document.setIn(['dataset', 'rows'], readCsv(fromRoot(registry.dataset.path)).rows.length);
document.setIn(['holdout', 'fingerprint'], fingerprint(fromRoot(registry.holdout.path)));
document.setIn(['holdout', 'rows'], readCsv(fromRoot(registry.holdout.path)).rows.length);
writeFileSync(file, document.toString({ lineWidth: 0 }));

console.log(`model ${model.name} ${model.version} trained; weights ${model.weights.map(w => w.toFixed(4)).join(', ')}, bias ${model.bias.toFixed(4)}`);
