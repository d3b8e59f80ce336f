/**
 * Request metrics in the Prometheus text format, without a client library: a request counter
 * and a latency histogram, labelled by route template (never by raw path, to bound the number
 * of series). openslo.yaml computes the service's SLOs from these two metrics.
 */
export const DEFAULT_LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 2500, 5000];

export interface RequestObservation {
  method: string;
  /** The route template, e.g. `/v1/items/{id}`; `unmatched` for unknown paths. */
  route: string;
  status: number;
  durationMs: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  return Object.entries(pairs)
    .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
    .join(',');
}

export class HttpMetrics {
  private readonly service: string;
  private readonly buckets: number[];
  private readonly counts = new Map<string, number>();
  private readonly histograms = new Map<string, { buckets: number[]; sum: number; count: number }>();

  constructor(service: string, buckets: number[] = DEFAULT_LATENCY_BUCKETS_MS) {
    this.service = service;
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(observation: RequestObservation): void {
    const base = { service: this.service, method: observation.method, route: observation.route };
    const counterKey = labels({ ...base, status: String(observation.status) });
    this.counts.set(counterKey, (this.counts.get(counterKey) ?? 0) + 1);

    const histogramKey = labels(base);
    let histogram = this.histograms.get(histogramKey);
    if (!histogram) {
      histogram = { buckets: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.histograms.set(histogramKey, histogram);
    }
    this.buckets.forEach((bound, index) => {
      if (observation.durationMs <= bound) histogram.buckets[index] += 1;
    });
    histogram.sum += observation.durationMs;
    histogram.count += 1;
  }

  /** The exposition text served at GET /metrics. */
  render(): string {
    const lines = [
      '# HELP http_requests_total HTTP requests answered, by route and status.',
      '# TYPE http_requests_total counter',
      ...[...this.counts].map(([key, value]) => `http_requests_total{${key}} ${value}`),
      '# HELP http_request_duration_ms Time to answer HTTP requests, in milliseconds.',
      '# TYPE http_request_duration_ms histogram',
    ];
    for (const [key, histogram] of this.histograms) {
      this.buckets.forEach((bound, index) => {
        lines.push(`http_request_duration_ms_bucket{${key},le="${bound}"} ${histogram.buckets[index]}`);
      });
      lines.push(`http_request_duration_ms_bucket{${key},le="+Inf"} ${histogram.count}`);
      lines.push(`http_request_duration_ms_sum{${key}} ${Math.round(histogram.sum * 1000) / 1000}`);
      lines.push(`http_request_duration_ms_count{${key}} ${histogram.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
