import { AwsCallError, EnvironmentAccessError } from '../core/errors';
import type { EnvironmentTarget } from '../core/services/target';
import { accountOf } from '../core/watch/environment-account';
import type { MetricFetch, MetricQuery } from '../core/watch/model';
import type { AwsClientOptions } from './client-config';
import { EnvironmentClients } from './environment-clients';
import { CloudWatchMetrics, type MetricsSpec } from './metrics';

/*
 * A watch's metrics, read where the service runs: in the region watched, through the environment's
 * role (or Preflight's own credentials for its own account), or from Preflight's own account when it
 * is the environment's CloudWatch cross-account observability monitoring account. An environment that
 * cannot be reached is a provider error for every metric asked for, with the reason: the core then
 * judges ERROR, escalates and ends INCONCLUSIVE, and never rolls back for it.
 */

/** Where a watch reads its metrics. */
export interface MetricsPlace {
  readonly environment: EnvironmentTarget;
  /** The region watched. @default the environment's first region, else the function's own */
  readonly region?: string;
}

/** Reads a watch's metrics in its service's account and region; clients kept per role and region. */
export class WatchMetrics {
  private readonly clients: EnvironmentClients<CloudWatchMetrics>;

  constructor(base: AwsClientOptions = {}) {
    this.clients = new EnvironmentClients((options) => CloudWatchMetrics.create(options), 'watch', base);
  }

  async fetch(place: MetricsPlace, query: MetricQuery, spec: MetricsSpec): Promise<MetricFetch> {
    const { environment } = place;
    const region = place.region ?? environment.regions[0];
    const observability = environment.metricsVia === 'observability';
    // From the monitoring account: Preflight's own credentials, the queries naming the account.
    const reach: EnvironmentTarget = observability
      ? { name: environment.name, regions: [], configured: environment.configured }
      : environment;
    let source: CloudWatchMetrics;
    try {
      source = await this.clients.get(reach, region);
    } catch (error) {
      if (!(error instanceof EnvironmentAccessError) && !(error instanceof AwsCallError)) throw error;
      const reason = `the metrics of environment "${environment.name}" could not be read: ${error.message}`;
      return {
        fromMs: query.fromMs,
        toMs: query.toMs,
        series: {},
        errors: Object.fromEntries(query.metricIds.map((id) => [id, reason])),
      };
    }
    const account = accountOf(environment);
    return source.fetch(
      query,
      observability && account !== undefined ? { ...spec, accountId: account } : spec,
    );
  }
}
