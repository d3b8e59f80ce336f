// ML gate 4: the explainability log artefact. Explains the model's predictions on the holdout
// set (feature contributions to the log-odds, per prediction) and the global importance of each
// feature, into reports/explanations.jsonl and reports/feature-importance.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { predict } from '../src/core/model.ts';
import { fromRoot, loadModel, loadRegistry, ROOT } from './lib/config.ts';
import { readCsv } from './lib/dataset.ts';

const registry = loadRegistry();
const model = loadModel();
const data = readCsv(fromRoot(registry.holdout.path));
const totals = new Map<string, number>(model.features.map(f => [f.name, 0]));
const lines: string[] = [];
data.rows.forEach((row, index) => {
  const prediction = predict(model, Object.fromEntries(model.features.map(f => [f.name, Number(row[f.name])])));
  for (const { feature, contribution } of prediction.explanation) totals.set(feature, (totals.get(feature) ?? 0) + Math.abs(contribution));
  lines.push(JSON.stringify({ row: index + 1, modelVersion: model.version, score: prediction.score, label: prediction.label, explanation: prediction.explanation }));
});
const importance = [...totals]
  .map(([feature, total]) => ({ feature, meanAbsContribution: Math.round((total / data.rows.length) * 1e6) / 1e6 }))
  .sort((a, b) => b.meanAbsContribution - a.meanAbsContribution);

mkdirSync(join(ROOT, 'reports'), { recursive: true });
writeFileSync(join(ROOT, 'reports', 'explanations.jsonl'), `${lines.join('\n')}\n`);
writeFileSync(join(ROOT, 'reports', 'feature-importance.json'), `${JSON.stringify({ model: { name: model.name, version: model.version }, importance }, null, 2)}\n`);
console.log(`Explained ${lines.length} predictions; global importance: ${importance.map(i => `${i.feature} ${i.meanAbsContribution}`).join(', ')}`);
