// Population Stability Index (PSI): how far a feature's distribution moved from the reference
// (training) data. Rule of thumb: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 major shift.

const EPSILON = 1e-4;

/** Bin edges from the reference: its quantiles, or its distinct values when there are few. */
export function binEdges(reference: number[], bins: number): { kind: 'categorical'; values: number[] } | { kind: 'quantile'; edges: number[] } {
  const distinct = [...new Set(reference)].sort((a, b) => a - b);
  if (distinct.length <= bins) return { kind: 'categorical', values: distinct };
  const sorted = [...reference].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let i = 1; i < bins; i += 1) {
    const edge = sorted[Math.floor((i * sorted.length) / bins)];
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return { kind: 'quantile', edges };
}

function shares(values: number[], binning: ReturnType<typeof binEdges>): number[] {
  const size = binning.kind === 'categorical' ? binning.values.length + 1 : binning.edges.length + 1;
  const counts = new Array<number>(size).fill(0);
  for (const value of values) {
    let index: number;
    if (binning.kind === 'categorical') {
      index = binning.values.indexOf(value);
      if (index === -1) index = size - 1; // values never seen in training
    } else {
      index = binning.edges.findIndex(edge => value < edge);
      if (index === -1) index = size - 1;
    }
    counts[index] += 1;
  }
  return counts.map(count => Math.max(count / values.length, EPSILON));
}

export function psi(reference: number[], current: number[], bins = 10): number {
  if (reference.length === 0 || current.length === 0) throw new Error('psi needs two non-empty samples');
  const binning = binEdges(reference, bins);
  const expected = shares(reference, binning);
  const actual = shares(current, binning);
  return expected.reduce((sum, e, i) => sum + (actual[i] - e) * Math.log(actual[i] / e), 0);
}

export type DriftLevel = 'stable' | 'warn' | 'alert';

export function driftLevel(value: number, thresholds: { warn: number; alert: number }): DriftLevel {
  if (value >= thresholds.alert) return 'alert';
  if (value >= thresholds.warn) return 'warn';
  return 'stable';
}
