import { afterEach, beforeEach, vi } from 'vitest';

/** One metric of an embedded-metric-format record: namespace, name, dimension names and values. */
export interface EmittedMetric {
  readonly namespace: string;
  readonly name: string;
  readonly unit: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: number;
}

interface EmfRecord {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/**
 * Captures what the functions print as CloudWatch embedded metric format (Powertools Metrics, which
 * the tests' POWERTOOLS_DEV turns off unless POWERTOOLS_METRICS_DISABLED says otherwise).
 */
export function captureEmf(): { metrics: () => EmittedMetric[] } {
  let lines: string[] = [];
  let spy: { mockRestore: () => void } | undefined;
  beforeEach(() => {
    lines = [];
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      if (typeof line === 'string' && line.includes('"CloudWatchMetrics"')) lines.push(line);
    });
  });
  afterEach(() => {
    delete process.env.POWERTOOLS_METRICS_DISABLED;
    spy?.mockRestore();
  });
  return {
    metrics: () =>
      lines.flatMap((line) => {
        const record = JSON.parse(line) as EmfRecord;
        return record._aws.CloudWatchMetrics.flatMap((directive) =>
          directive.Metrics.map((m) => ({
            namespace: directive.Namespace,
            name: m.Name,
            unit: m.Unit,
            dimensions: Object.fromEntries(
              (directive.Dimensions[0] ?? []).map((d) => [d, String(record[d])]),
            ),
            value: Number(record[m.Name]),
          })),
        );
      }),
  };
}
