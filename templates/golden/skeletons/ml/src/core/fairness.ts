import { confusion } from './metrics.ts';

// Bias check across the values of a group column (e.g. region): the model must not flag one
// group much more often (demographic parity), nor miss true positives of one group much more
// often (equal opportunity), than another.

export interface GroupRates {
  group: string;
  count: number;
  /** Share predicted positive. */
  positiveRate: number;
  /** Share of actual positives predicted positive (recall). */
  truePositiveRate: number;
}

export interface FairnessReport {
  groups: GroupRates[];
  /** Largest difference of positiveRate between two groups. */
  demographicParityDifference: number;
  /** Largest difference of truePositiveRate between two groups. */
  equalOpportunityDifference: number;
}

export function fairnessReport(groups: string[], labels: Array<0 | 1>, predicted: Array<0 | 1>): FairnessReport {
  const names = [...new Set(groups)].sort();
  const rates = names.map(group => {
    const idx = groups.flatMap((g, i) => (g === group ? [i] : []));
    const c = confusion(idx.map(i => labels[i]), idx.map(i => predicted[i]));
    return {
      group,
      count: idx.length,
      positiveRate: (c.tp + c.fp) / idx.length,
      truePositiveRate: c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn),
    };
  });
  const spread = (values: number[]) => (values.length < 2 ? 0 : Math.max(...values) - Math.min(...values));
  return {
    groups: rates,
    demographicParityDifference: spread(rates.map(r => r.positiveRate)),
    equalOpportunityDifference: spread(rates.map(r => r.truePositiveRate)),
  };
}
