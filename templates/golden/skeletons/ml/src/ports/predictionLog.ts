import type { Contribution } from '../core/model.ts';

/** One entry of the explainability log: which model decided what, and why. */
export interface PredictionLogEntry {
  modelName: string;
  modelVersion: string;
  score: number;
  label: 0 | 1;
  explanation: Contribution[];
}

/** The explainability log (gate 4): every prediction with its explanation, never the raw inputs. */
export interface PredictionLog {
  record(entry: PredictionLogEntry): void;
}
