import type { LogisticModel } from '../core/model.ts';

/** Where the model's weights come from: a file in the image here; a model registry later. */
export interface ModelStore {
  load(): Promise<LogisticModel>;
}
