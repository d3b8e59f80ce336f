import { ValidationError } from './errors.ts';

// A binary classifier: logistic regression on standardised features. Pure functions only;
// loading the weights is the ModelStore port's job.

export interface FeatureSpec {
  name: string;
  type: 'number' | 'integer' | 'binary';
  min: number;
  max: number;
  /** Mean and standard deviation on the training data, for standardisation. */
  mean: number;
  std: number;
}

export interface LogisticModel {
  name: string;
  version: string;
  features: FeatureSpec[];
  /** One weight per feature, in the order of `features`. */
  weights: number[];
  bias: number;
  /** Scores at or above it are labelled 1. */
  threshold: number;
  /** sha256 of the training data, as in model/registry.yaml. */
  datasetFingerprint: string;
}

export type Inputs = Record<string, number>;

export interface Contribution {
  feature: string;
  /** Weight times standardised value: how much this feature moved the log-odds. */
  contribution: number;
}

export interface Prediction {
  score: number;
  label: 0 | 1;
  threshold: number;
  /** Features by decreasing influence on this prediction. */
  explanation: Contribution[];
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Checks untrusted inputs against the model's signature; throws a ValidationError listing every problem. */
export function parseInputs(model: LogisticModel, raw: unknown): Inputs {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ValidationError(['inputs must be an object']);
  }
  const values = raw as Record<string, unknown>;
  const issues: string[] = [];
  const known = new Set(model.features.map(feature => feature.name));
  for (const key of Object.keys(values)) if (!known.has(key)) issues.push(`unknown feature "${key}"`);
  const inputs: Inputs = {};
  for (const feature of model.features) {
    const value = values[feature.name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push(`${feature.name} must be a number`);
      continue;
    }
    if ((feature.type === 'integer' || feature.type === 'binary') && !Number.isInteger(value)) {
      issues.push(`${feature.name} must be an integer`);
    } else if (value < feature.min || value > feature.max) {
      issues.push(`${feature.name} must be between ${feature.min} and ${feature.max}`);
    }
    inputs[feature.name] = value;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return inputs;
}

export function standardise(model: LogisticModel, inputs: Inputs): number[] {
  return model.features.map(feature => (inputs[feature.name] - feature.mean) / (feature.std || 1));
}

export function score(model: LogisticModel, inputs: Inputs): number {
  const z = standardise(model, inputs).reduce((sum, x, i) => sum + x * model.weights[i], model.bias);
  return sigmoid(z);
}

export function predict(model: LogisticModel, inputs: Inputs): Prediction {
  const x = standardise(model, inputs);
  const contributions = model.features.map((feature, i) => ({ feature: feature.name, contribution: x[i] * model.weights[i] }));
  const p = sigmoid(contributions.reduce((sum, c) => sum + c.contribution, model.bias));
  return {
    score: p,
    label: p >= model.threshold ? 1 : 0,
    threshold: model.threshold,
    explanation: contributions
      .map(c => ({ feature: c.feature, contribution: Math.round(c.contribution * 1e6) / 1e6 }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)),
  };
}
