import { ValidationError } from '../../core/errors.ts';
import { parseInputs, predict, type LogisticModel } from '../../core/model.ts';
import type { PredictionLog } from '../../ports/predictionLog.ts';
import { badRequest } from './problem.ts';
import type { Router } from './router.ts';

/** `POST /predict` and `GET /model`, as described in openapi.yaml. */
export function addPredictRoutes(router: Router, model: LogisticModel, log: PredictionLog): void {
  router.add('POST', '/predict', request => {
    const body = request.body as { inputs?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest('The body must be a JSON object with "inputs".');
    }
    const extra = Object.keys(body).filter(key => key !== 'inputs');
    if (extra.length > 0) throw badRequest('The request is not valid.', extra.map(key => `unknown property "${key}"`));
    let inputs;
    try {
      inputs = parseInputs(model, body.inputs);
    } catch (error) {
      if (error instanceof ValidationError) throw badRequest('The inputs do not match the model signature.', error.issues);
      throw error;
    }
    const prediction = predict(model, inputs);
    log.record({
      modelName: model.name,
      modelVersion: model.version,
      score: prediction.score,
      label: prediction.label,
      explanation: prediction.explanation,
    });
    return { status: 200, json: { model: { name: model.name, version: model.version }, ...prediction } };
  });

  router.add('GET', '/model', () => ({
    status: 200,
    json: {
      name: model.name,
      version: model.version,
      type: 'logistic-regression',
      threshold: model.threshold,
      datasetFingerprint: model.datasetFingerprint,
      inputs: model.features.map(({ name, type, min, max }) => ({ name, type, min, max })),
    },
  }));
}
