import { sigmoid, type FeatureSpec, type LogisticModel } from './model.ts';

export interface Hyperparameters {
  learningRate: number;
  epochs: number;
  l2: number;
  threshold: number;
}

export interface TrainingSet {
  /** One row per example, features in the order of `specs`. */
  rows: number[][];
  labels: Array<0 | 1>;
  specs: Array<Pick<FeatureSpec, 'name' | 'type' | 'min' | 'max'>>;
}

function meanAndStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) || 1 };
}

/**
 * Fits a logistic regression by full-batch gradient descent with L2 regularisation. Fully
 * deterministic (no random initialisation, no shuffling): the same data and hyperparameters
 * give the same weights, which a test checks against model/model.json.
 */
export function trainLogisticRegression(
  data: TrainingSet,
  hyper: Hyperparameters,
  meta: { name: string; version: string; datasetFingerprint: string },
): LogisticModel {
  const n = data.rows.length;
  const d = data.specs.length;
  const stats = data.specs.map((_, j) => meanAndStd(data.rows.map(row => row[j])));
  const x = data.rows.map(row => row.map((value, j) => (value - stats[j].mean) / stats[j].std));
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < hyper.epochs; epoch += 1) {
    const gradW = new Array<number>(d).fill(0);
    let gradB = 0;
    for (let i = 0; i < n; i += 1) {
      let z = bias;
      for (let j = 0; j < d; j += 1) z += weights[j] * x[i][j];
      const error = sigmoid(z) - data.labels[i];
      for (let j = 0; j < d; j += 1) gradW[j] += error * x[i][j];
      gradB += error;
    }
    for (let j = 0; j < d; j += 1) weights[j] -= hyper.learningRate * (gradW[j] / n + hyper.l2 * weights[j]);
    bias -= hyper.learningRate * (gradB / n);
  }
  return {
    name: meta.name,
    version: meta.version,
    features: data.specs.map((spec, j) => ({ ...spec, mean: stats[j].mean, std: stats[j].std })),
    weights,
    bias,
    threshold: hyper.threshold,
    datasetFingerprint: meta.datasetFingerprint,
  };
}
