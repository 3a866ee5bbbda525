import type { DbInstance, MetricIdentity, Point, StoragePorts } from '../core/checks/storage/ports';

/** How a sample series moves: its value now and its change a day (a metric's own unit). */
export interface SampleSeries {
  readonly now: number;
  readonly perDay: number;
}

const GIB = 1024 ** 3;
/** Free bytes now and their change a day, given in GiB. */
export const gib = (now: number, perDay = 0): SampleSeries => ({ now: now * GIB, perDay: perDay * GIB });

/** A sample DB instance and its free storage (`FreeStorageSpace`, or `FreeLocalStorage` for Aurora). */
export interface SampleDb extends Omit<DbInstance, 'arn'> {
  readonly free: SampleSeries;
}

/** A sample OpenSearch domain and its free storage, MiB. */
export interface SampleDomain {
  readonly name: string;
  readonly freeMiB: SampleSeries;
}

/** A sample running instance; `disks` are its file systems' used percent (none: no CloudWatch agent). */
export interface SampleHost {
  readonly id: string;
  readonly name?: string;
  /** Stopped: it publishes no EC2 metric. @default false */
  readonly stopped?: boolean;
  readonly disks?: Readonly<Record<string, SampleSeries>>;
}

export interface SampleStorage {
  readonly dbs?: readonly SampleDb[];
  readonly domains?: readonly SampleDomain[];
  readonly hosts?: readonly SampleHost[];
}

/** The databases, domains and hosts of one sample region and a week of hourly metrics, as the storage ports. */
export function sampleStoragePorts(
  location: { readonly region: string; readonly accountId: string },
  sample: SampleStorage,
  now: Date,
): StoragePorts {
  const at = `${location.region}:${location.accountId}`;
  const metrics: { metric: MetricIdentity; series: SampleSeries }[] = [
    ...(sample.dbs ?? []).map((db) => ({
      metric: {
        namespace: 'AWS/RDS',
        metricName: db.engine.startsWith('aurora') ? 'FreeLocalStorage' : 'FreeStorageSpace',
        dimensions: { DBInstanceIdentifier: db.identifier },
      },
      series: db.free,
    })),
    ...(sample.domains ?? []).map((d) => ({
      metric: {
        namespace: 'AWS/ES',
        metricName: 'FreeStorageSpace',
        dimensions: { DomainName: d.name, ClientId: location.accountId },
      },
      series: d.freeMiB,
    })),
    ...(sample.hosts ?? []).flatMap((h) =>
      Object.entries(h.disks ?? {}).map(([path, series]) => ({
        metric: {
          namespace: 'CWAgent',
          metricName: 'disk_used_percent',
          dimensions: { InstanceId: h.id, path, device: 'nvme0n1p1', fstype: 'xfs' },
        },
        series,
      })),
    ),
  ];
  const key = (m: MetricIdentity) => `${m.namespace} ${m.metricName} ${JSON.stringify(m.dimensions)}`;
  const byKey = new Map(metrics.map((m) => [key(m.metric), m.series]));
  return {
    listDbInstances: async () =>
      (sample.dbs ?? []).map(({ free: _, ...db }) => ({
        ...db,
        arn: `arn:aws:rds:${at}:db:${db.identifier}`,
      })),
    listMetrics: async (namespace, metricName) =>
      metrics.map((m) => m.metric).filter((m) => m.namespace === namespace && m.metricName === metricName),
    runningInstances: async () => (sample.hosts ?? []).filter((h) => h.stopped !== true).map((h) => h.id),
    series: async (queries, start) => {
      const hours = Math.floor((now.getTime() - start.getTime()) / 3_600_000);
      return new Map(
        queries.map((q) => {
          const series = byKey.get(key(q.metric));
          const points: Point[] =
            series === undefined
              ? []
              : Array.from({ length: hours }, (_, i) => {
                  const hoursAgo = hours - 1 - i;
                  return {
                    at: new Date(now.getTime() - hoursAgo * 3_600_000),
                    value: series.now - (series.perDay * hoursAgo) / 24,
                  };
                });
          return [q.id, points];
        }),
      );
    },
  };
}
