import type { ArnLocation } from '../../scope/stack-resources';
import type { ResourceIdentity } from '../../scope/types';
import type { DbInstance, Ec2Instance, MetricIdentity } from './ports';

/**
 * What fills: an RDS instance's storage, an Aurora, DocumentDB or Neptune instance's local storage,
 * an OpenSearch domain, a host's file system.
 */
export type VolumeKind =
  | 'rds-instance'
  | 'aurora-instance'
  | 'docdb-instance'
  | 'neptune-instance'
  | 'opensearch-domain'
  | 'host-volume';

/** One thing that can fill up, with the metric that says how full it is. */
export interface Volume {
  readonly kind: VolumeKind;
  /** The finding's resource: the ARN, with `:<path>` for a host's file system. */
  readonly resource: string;
  readonly label: string;
  readonly metric: MetricIdentity;
  /** The statistic that shows the worst hour: the least free space, or the most used. */
  readonly stat: 'Minimum' | 'Maximum';
  /** Free space from one value of the metric, in `unit`. */
  free(value: number): number;
  /** The size in `unit`, when it is known. */
  readonly capacity?: number;
  /** `GiB` of free space, or `%` of the file system free. */
  readonly unit: 'GiB' | '%';
  /** What the metric does not say, shown in the findings. */
  readonly note?: string;
}

const GIB = 1024 ** 3;

/** `12.3 GiB`, `4.5 %`: an amount in the volume's unit. */
export function amount(volume: Pick<Volume, 'unit'>, value: number): string {
  return `${(Math.round(value * 10) / 10).toLocaleString('en-US')} ${volume.unit === '%' ? 'percentage points' : 'GiB'}`;
}

/**
 * Engines whose instances share a cluster volume that grows by itself, and where each publishes
 * its local storage (`FreeLocalStorage`): RDS's DescribeDBInstances lists DocumentDB and Neptune
 * instances too, whose metrics are in their own namespaces, not `AWS/RDS`.
 */
function clusterEngine(
  db: DbInstance,
): { kind: VolumeKind; product: string; namespace: string; limit: string } | undefined {
  if (db.engine.startsWith('aurora'))
    return { kind: 'aurora-instance', product: 'Aurora', namespace: 'AWS/RDS', limit: '128 TiB' };
  if (db.engine === 'docdb')
    return { kind: 'docdb-instance', product: 'DocumentDB', namespace: 'AWS/DocDB', limit: '128 TiB' };
  if (db.engine === 'neptune')
    return { kind: 'neptune-instance', product: 'Neptune', namespace: 'AWS/Neptune', limit: '128 TiB' };
  return undefined;
}

/**
 * An RDS instance's storage (`FreeStorageSpace`, bytes). With storage autoscaling on, RDS grows the
 * volume up to its ceiling: the room to the ceiling counts as free, and the ceiling is the size.
 * An Aurora, DocumentDB or Neptune instance (`FreeLocalStorage`, in `AWS/RDS`, `AWS/DocDB`,
 * `AWS/Neptune`): the cluster volume grows by itself, so what can fill is the instance's local
 * storage (temporary tables, logs), whose size is not reported.
 */
export function dbVolume(db: DbInstance): Volume {
  const metric = (metricName: string, namespace = 'AWS/RDS'): MetricIdentity => ({
    namespace,
    metricName,
    dimensions: { DBInstanceIdentifier: db.identifier },
  });
  const cluster = clusterEngine(db);
  if (cluster !== undefined) {
    return {
      kind: cluster.kind,
      resource: db.arn,
      label: `${cluster.product} instance ${db.identifier}'s local storage`,
      metric: metric('FreeLocalStorage', cluster.namespace),
      stat: 'Minimum',
      free: (bytes) => bytes / GIB,
      unit: 'GiB',
      note: `the cluster volume grows by itself (up to ${cluster.limit}), local storage (temporary tables, logs) can fill`,
    };
  }
  const grows =
    db.maxAllocatedGiB !== undefined && db.allocatedGiB !== undefined && db.maxAllocatedGiB > db.allocatedGiB;
  const headroom = grows ? (db.maxAllocatedGiB ?? 0) - (db.allocatedGiB ?? 0) : 0;
  const capacity = grows ? db.maxAllocatedGiB : db.allocatedGiB;
  return {
    kind: 'rds-instance',
    resource: db.arn,
    label: `RDS instance ${db.identifier}`,
    metric: metric('FreeStorageSpace'),
    stat: 'Minimum',
    free: (bytes) => bytes / GIB + headroom,
    ...(capacity === undefined ? {} : { capacity }),
    unit: 'GiB',
    ...(grows ? { note: `storage autoscaling grows it up to ${db.maxAllocatedGiB} GiB` } : {}),
  };
}

/** An OpenSearch domain (`AWS/ES` `FreeStorageSpace`, MiB, the least of its data nodes); its size is not reported. */
export function domainVolume(
  metric: MetricIdentity,
  location: { partition: string; region: string },
): Volume | undefined {
  const domain = metric.dimensions.DomainName;
  const account = metric.dimensions.ClientId;
  if (domain === undefined || account === undefined || Object.keys(metric.dimensions).length !== 2)
    return undefined;
  return {
    kind: 'opensearch-domain',
    resource: `arn:${location.partition}:es:${location.region}:${account}:domain/${domain}`,
    label: `OpenSearch domain ${domain}`,
    metric,
    stat: 'Minimum',
    free: (mebibytes) => mebibytes / 1024,
    unit: 'GiB',
  };
}

/** A host's file system (`CWAgent` `disk_used_percent`, with the instance's id and the mount path). */
export function hostVolume(metric: MetricIdentity, instance: Ec2Instance): Volume {
  const path = metric.dimensions.path ?? metric.dimensions.device ?? '?';
  return {
    kind: 'host-volume',
    resource: `${instance.arn}:${path}`,
    label: `${instance.name === undefined ? instance.id : `${instance.name} (${instance.id})`} ${path}`,
    metric,
    stat: 'Maximum',
    free: (usedPercent) => 100 - usedPercent,
    capacity: 100,
    unit: '%',
  };
}

/** Who a DB instance is, for a service's scope: its ARN, its identifier and its cluster's. */
export const dbIdentity = (db: DbInstance): ResourceIdentity => ({
  arn: db.arn,
  names: [db.identifier, ...(db.cluster === undefined ? [] : [db.cluster])],
});

/** Who an OpenSearch domain is: its ARN and name. */
export const domainIdentity = (volume: Volume): ResourceIdentity => ({
  arn: volume.resource,
  names: [volume.metric.dimensions.DomainName ?? ''],
});

/** The instance with its ARN, in the partition, region and account of `location`. */
export function instanceAt(id: string, location: ArnLocation): Ec2Instance {
  return { id, arn: `arn:${location.partition}:ec2:${location.region}:${location.accountId}:instance/${id}` };
}

/** Who an EC2 instance is: its ARN, id and Name tag. */
export const instanceIdentity = (instance: Ec2Instance): ResourceIdentity => ({
  arn: instance.arn,
  names: [instance.id, ...(instance.name === undefined ? [] : [instance.name])],
});

/** The instance an `…:instance/i-…` ARN names; `undefined` for any other ARN. */
export function instanceOfArn(arn: string): Ec2Instance | undefined {
  const id = /^arn:[^:]+:ec2:[^:]*:[^:]*:instance\/(i-[A-Za-z0-9]+)$/.exec(arn)?.[1];
  return id === undefined ? undefined : { id, arn };
}
