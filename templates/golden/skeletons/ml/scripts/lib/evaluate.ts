import { fairnessReport, type FairnessReport } from '../../src/core/fairness.ts';
import { classificationMetrics, type Metrics } from '../../src/core/metrics.ts';
import { score, type LogisticModel } from '../../src/core/model.ts';
import type { ValidationConfig } from './config.ts';
import type { Dataset } from './dataset.ts';

export interface Evaluation {
  metrics: Metrics;
  fairness: FairnessReport;
  failures: string[];
}

/** Scores a labelled dataset and compares metrics and group differences with the thresholds. */
export function evaluate(model: LogisticModel, data: Dataset, label: string, config: ValidationConfig): Evaluation {
  const labels = data.rows.map(row => (row[label] === '1' ? 1 : 0) as 0 | 1);
  const scores = data.rows.map(row => score(model, Object.fromEntries(model.features.map(f => [f.name, Number(row[f.name])]))));
  const metrics = classificationMetrics(labels, scores, model.threshold);
  const predicted = scores.map(s => (s >= model.threshold ? 1 : 0) as 0 | 1);
  const fairness = fairnessReport(data.rows.map(row => row[config.fairness.group]), labels, predicted);

  const failures: string[] = [];
  for (const [name, { min }] of Object.entries(config.metrics)) {
    const value = metrics[name as keyof Metrics];
    if (value === undefined) failures.push(`unknown metric "${name}" in validation.yaml`);
    else if (value < min) failures.push(`${name} ${value.toFixed(4)} is below ${min}`);
  }
  for (const group of fairness.groups) {
    if (group.count < config.fairness.minGroupSize) {
      failures.push(`group ${group.group} has ${group.count} rows, fewer than ${config.fairness.minGroupSize}: the bias check would mean nothing`);
    }
  }
  if (fairness.demographicParityDifference > config.fairness.maxDemographicParityDifference) {
    failures.push(`demographic parity difference ${fairness.demographicParityDifference.toFixed(4)} exceeds ${config.fairness.maxDemographicParityDifference}`);
  }
  if (fairness.equalOpportunityDifference > config.fairness.maxEqualOpportunityDifference) {
    failures.push(`equal opportunity difference ${fairness.equalOpportunityDifference.toFixed(4)} exceeds ${config.fairness.maxEqualOpportunityDifference}`);
  }
  return { metrics, fairness, failures };
}
