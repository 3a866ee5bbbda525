import {
  CloudWatchClient,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import type { MetricDefinitionSettings } from '../core/config/watch-schema';
import { ownEntry } from '../core/own';
import type { Datapoint, MetricFetch, MetricQuery } from '../core/watch/model';
import { toAwsCallError } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/*
 * CloudWatch GetMetricData for the watch: every metric of a step in one call (paged), turned into the
 * core's MetricFetch. A metric CloudWatch could not return (Forbidden, InternalError, data still
 * partial after the last page) goes to `errors`, never to `series`, so it is asked for again at the
 * next step instead of being judged on half its data. A call that fails as a whole (throttled beyond
 * the SDK's adaptive retries, access denied) puts every metric in `errors`: the core then reports
 * ERROR and never rolls back for it.
 */

/** How the watch's metric ids map to CloudWatch, and at which period they are read. */
export interface MetricsSpec {
  readonly metrics: Readonly<Record<string, MetricDefinitionSettings>>;
  readonly periodSeconds: number;
  /**
   * The account the metrics are in, when they are read from a CloudWatch cross-account observability
   * monitoring account. @default the account of the credentials
   */
  readonly accountId?: string;
}

/** Something that answers the core's metric queries. */
export interface MetricsSource {
  fetch(query: MetricQuery, spec: MetricsSpec): Promise<MetricFetch>;
}

/** Pages followed at most: far more than a watch needs (100,800 datapoints a page); stops a runaway token. */
const MAX_PAGES = 50;
const IDENTIFIER = /[a-z][A-Za-z0-9_]*/g;

/** Ids a metric-math expression refers to, among the mapped ones. */
function referencedIds(expression: string, metrics: MetricsSpec['metrics']): string[] {
  return (expression.match(IDENTIFIER) ?? []).filter((id) => ownEntry(metrics, id) !== undefined);
}

/**
 * The GetMetricData queries for `ids`: each as a metric or a metric-math expression; metrics an
 * expression refers to are added with `ReturnData: false` when not asked for themselves.
 */
export function metricDataQueries(ids: readonly string[], spec: MetricsSpec): MetricDataQuery[] {
  const wanted = new Set(ids);
  const order: string[] = [];
  const visit = (id: string) => {
    if (order.includes(id)) return;
    order.push(id);
    const definition = ownEntry(spec.metrics, id);
    if (definition !== undefined && 'expression' in definition) {
      for (const ref of referencedIds(definition.expression, spec.metrics)) visit(ref);
    }
  };
  for (const id of ids) visit(id);
  return order.map((id): MetricDataQuery => {
    const definition = ownEntry(spec.metrics, id);
    if (definition === undefined) {
      throw new RangeError(`metric id "${id}" has no CloudWatch definition in watch.metrics`);
    }
    const returnData = wanted.has(id);
    if ('expression' in definition) {
      return {
        Id: id,
        Expression: definition.expression,
        Period: spec.periodSeconds,
        ReturnData: returnData,
      };
    }
    return {
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: definition.namespace,
          MetricName: definition.metricName,
          Dimensions: Object.entries(definition.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: spec.periodSeconds,
        Stat: definition.stat,
      },
      ReturnData: returnData,
      ...(spec.accountId === undefined ? {} : { AccountId: spec.accountId }),
    };
  });
}

interface Collected {
  points: Datapoint[];
  status: string;
  messages: string[];
}

/** Fetches metrics with GetMetricData; one client per instance, reused across calls. */
export class CloudWatchMetrics implements MetricsSource {
  constructor(private readonly client: CloudWatchClient = new CloudWatchClient(clientConfig())) {}

  static create(options: AwsClientOptions = {}): CloudWatchMetrics {
    return new CloudWatchMetrics(new CloudWatchClient(clientConfig(options)));
  }

  async fetch(query: MetricQuery, spec: MetricsSpec): Promise<MetricFetch> {
    const base = { fromMs: query.fromMs, toMs: query.toMs };
    if (query.metricIds.length === 0) return { ...base, series: {}, errors: {} };
    const collected = new Map<string, Collected>();
    // The call's own messages (MaxQueriesExceeded): what is run is still returned, the rest is not.
    const callMessages: string[] = [];
    try {
      const pages = paginateGetMetricData(
        { client: this.client },
        {
          MetricDataQueries: metricDataQueries(query.metricIds, spec),
          StartTime: new Date(query.fromMs),
          EndTime: new Date(query.toMs),
          ScanBy: 'TimestampAscending',
        },
      );
      let count = 0;
      for await (const page of pages) {
        merge(collected, page);
        for (const m of page.Messages ?? []) callMessages.push(`${m.Code ?? ''} ${m.Value ?? ''}`.trim());
        count += 1;
        if (count >= MAX_PAGES) break;
      }
    } catch (error) {
      if (error instanceof RangeError) throw error;
      const failure = toAwsCallError('cloudwatch:GetMetricData', error);
      const errors = Object.fromEntries(query.metricIds.map((id) => [id, failure.message]));
      return { ...base, series: {}, errors };
    }
    return { ...base, ...settle(query.metricIds, collected, callMessages) };
  }
}

function merge(collected: Map<string, Collected>, page: GetMetricDataCommandOutput): void {
  for (const result of page.MetricDataResults ?? []) {
    if (result.Id === undefined) continue;
    const entry = collected.get(result.Id) ?? { points: [], status: 'Complete', messages: [] };
    const timestamps = result.Timestamps ?? [];
    const values = result.Values ?? [];
    timestamps.forEach((at, index) => {
      const value = values[index];
      if (value !== undefined) entry.points.push({ timestamp: at.getTime(), value });
    });
    // A failed page stays failed; otherwise the newest page says whether the data is complete.
    if (entry.status !== 'Forbidden' && entry.status !== 'InternalError') {
      entry.status = result.StatusCode ?? 'Complete';
    }
    for (const m of result.Messages ?? []) entry.messages.push(`${m.Code ?? ''} ${m.Value ?? ''}`.trim());
    collected.set(result.Id, entry);
  }
}

function settle(
  ids: readonly string[],
  collected: Map<string, Collected>,
  callMessages: readonly string[],
): Omit<MetricFetch, 'fromMs' | 'toMs'> {
  const why = callMessages.length === 0 ? '' : `: ${[...new Set(callMessages)].join('; ')}`;
  const series: Record<string, Datapoint[]> = {};
  const errors: Record<string, string> = {};
  for (const id of ids) {
    const entry = collected.get(id);
    const detail = entry?.messages.length ? `: ${entry.messages.join('; ')}` : '';
    if (entry === undefined) errors[id] = `cloudwatch:GetMetricData returned no result for this metric${why}`;
    else if (entry.status === 'Complete') series[id] = entry.points;
    else if (entry.status === 'PartialData') {
      errors[id] = `cloudwatch:GetMetricData returned partial data after every page${detail}`;
    } else errors[id] = `cloudwatch:GetMetricData answered ${entry.status} for this metric${detail}`;
  }
  return { series, errors };
}
