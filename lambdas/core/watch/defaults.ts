import type { Aggregation, TriggerDefinition } from './model';

/*
 * The checklist's four rollback triggers, as defaults. They use placeholder metric ids that the
 * configuration maps to real metrics (`watch.metrics`), e.g. `requests` to the load balancer's
 * `AWS/ApplicationELB RequestCount` (Sum). They are written for the default one-minute period, which
 * is what "per minute" and "5 consecutive 1-minute periods" mean; at another period `resolve.ts`
 * scales their windows and per-minute counts (`CHECKLIST_MINUTES`).
 */

/** Shared by every default; a configured trigger starts from these too. */
export const TRIGGER_BASE = {
  description: '',
  comparison: '>',
  floor: null,
  window: { breaching: 1, of: 1 },
  eligibility: null,
  missingData: 'inconclusive',
  fillZero: [],
  critical: false,
  shadow: false,
  worseningFactor: 1.5,
  judge: null,
  versus: null,
} as const satisfies Omit<TriggerDefinition, 'id' | 'expression' | 'threshold'>;

/** Errors / requests above 5% for 5 consecutive periods, each with at least 50 requests. */
export const ERROR_RATE: TriggerDefinition = {
  ...TRIGGER_BASE,
  id: 'error-rate',
  description: 'Error rate (errors / requests) above 5% for 5 consecutive periods',
  expression: 'errors / requests',
  threshold: { kind: 'static', value: 0.05 },
  window: { breaching: 5, of: 5 },
  eligibility: { metric: 'requests', min: 50 },
  // A load balancer reports no 5XX datapoint when there were none; requests are never filled.
  fillZero: ['errors'],
};

/**
 * The latency statistic above 2 x its baseline median for 3 consecutive periods, and above 0.05:
 * 50 ms for ALB `TargetResponseTime`, which is in seconds (2 x 4 ms is noise, not a regression).
 */
export const LATENCY: TriggerDefinition = {
  ...TRIGGER_BASE,
  id: 'latency',
  description: 'Response time above 2 x baseline for 3 consecutive periods (and above the floor)',
  expression: 'latency',
  threshold: { kind: 'baseline', multiplier: 2, statistic: 'median' },
  floor: 0.05,
  window: { breaching: 3, of: 3 },
};

/** Any unhealthy host (or failed health check) for 3 consecutive periods. */
export const HEALTH_CHECKS: TriggerDefinition = {
  ...TRIGGER_BASE,
  id: 'health-checks',
  description: 'Failed health checks (unhealthy hosts > 0) for 3 consecutive periods',
  expression: 'unhealthy_hosts',
  threshold: { kind: 'static', value: 0 },
  window: { breaching: 3, of: 3 },
};

/** More than 10 database connection errors in any single period: critical, acts at once. */
export const DB_CONNECTION_ERRORS: TriggerDefinition = {
  ...TRIGGER_BASE,
  id: 'db-connection-errors',
  description: 'More than 10 database connection errors in a single period (critical)',
  expression: 'db_connection_errors',
  threshold: { kind: 'static', value: 10 },
  critical: true,
  // An application's error counter is usually published only when something failed.
  fillZero: ['db_connection_errors'],
};

/**
 * The checklist's rules in minutes: the defaults above are written for one-minute periods, and
 * `resolve.ts` scales their windows and per-minute counts to any other period (unless configured).
 */
export const CHECKLIST_MINUTES: Readonly<
  Record<string, { readonly windowMinutes?: number; readonly perMinute?: number }>
> = {
  'error-rate': { windowMinutes: 5 },
  latency: { windowMinutes: 3 },
  'health-checks': { windowMinutes: 3 },
  'db-connection-errors': { perMinute: 10 },
};

/**
 * How the default triggers' metrics combine when the configuration does not map them (a backtest
 * reads them from CSV files by id): counts add up, the latency statistic averages, unhealthy hosts
 * take the maximum, as the statistics the documentation maps them to.
 */
export const DEFAULT_METRIC_AGGREGATION: Readonly<Record<string, Aggregation>> = {
  requests: 'sum',
  errors: 'sum',
  db_connection_errors: 'sum',
  latency: 'average',
  unhealthy_hosts: 'maximum',
};

/** The default triggers, in the order the watch reports them. */
export const DEFAULT_TRIGGERS: readonly TriggerDefinition[] = [
  ERROR_RATE,
  LATENCY,
  HEALTH_CHECKS,
  DB_CONNECTION_ERRORS,
];

/** Defaults of the watch itself (the configuration's `watch` keys). */
export const WATCH_DEFAULTS = {
  minutes: 30,
  periodSeconds: 60,
  ingestionLagSeconds: 120,
  baselineMinutes: 60,
  baselineMinCoverage: 0.5,
  maxNoDataMinutes: 10,
} as const;
