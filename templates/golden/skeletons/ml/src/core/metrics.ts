// Classification metrics, computed from labels and scores (validation gate, model card).

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusion(labels: Array<0 | 1>, predicted: Array<0 | 1>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  labels.forEach((label, i) => {
    if (predicted[i] === 1) c[label === 1 ? 'tp' : 'fp'] += 1;
    else c[label === 1 ? 'fn' : 'tn'] += 1;
  });
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export interface Metrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
  positiveRate: number;
}

/** Area under the ROC curve: the chance that a random positive scores above a random negative (ties count half). */
export function rocAuc(labels: Array<0 | 1>, scores: number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j += 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) ranks[order[k][1]] = rank;
    i = j + 1;
  }
  const positives = labels.filter(l => l === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  const rankSum = labels.reduce<number>((sum, l, i) => sum + (l === 1 ? ranks[i] : 0), 0);
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function classificationMetrics(labels: Array<0 | 1>, scores: number[], threshold: number): Metrics {
  const predicted = scores.map(s => (s >= threshold ? 1 : 0) as 0 | 1);
  const c = confusion(labels, predicted);
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return {
    accuracy: ratio(c.tp + c.tn, labels.length),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    auc: rocAuc(labels, scores),
    positiveRate: ratio(c.tp + c.fp, labels.length),
  };
}
