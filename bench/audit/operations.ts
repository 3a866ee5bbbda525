import { ACCOUNT_ID, type Json, NOW, REGION, type SyntheticAccount, usageKey } from './account';
import { apiGatewayOperations } from './operations-apigateway';
import { bucketOperations } from './operations-buckets';
import { deployOperations } from './operations-deploys';
import { pageSizeOf } from './rates';

/*
 * The operations the local endpoint answers, over a synthetic account: every list call Preflight
 * makes (with real pagination, default and maximum page sizes), and the per-resource describes the
 * naive variant makes. Each returns the response's members, or an error the endpoint writes in the
 * service's protocol.
 */

export type Params = Readonly<Record<string, unknown>>;

export class ServiceError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly status = 400,
  ) {}
}

export type Operation = (params: Params) => Json | ServiceError;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const GIB = 1024 ** 3;

/** A metric's identity whatever the order of its dimensions. */
function metricKey(metric: {
  Namespace: string;
  MetricName: string;
  Dimensions?: { Name: string; Value: string }[];
}) {
  const dimensions = [...(metric.Dimensions ?? [])].sort((a, b) => a.Name.localeCompare(b.Name));
  return `${metric.Namespace} ${metric.MetricName} ${dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')}`;
}

export function pageSize(key: string, requested: unknown): number {
  const size = pageSizeOf(key);
  const n = Number(requested);
  return Number.isFinite(n) && n > 0 ? Math.min(n, size.max) : size.default;
}

/** One page from `items` starting at the offset in `token`; the next token is `undefined` on the last page. */
export function page<T>(key: string, items: readonly T[], token: unknown, requested: unknown) {
  const offset = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const size = pageSize(key, requested);
  const next = offset + size < items.length ? String(offset + size) : undefined;
  return { items: items.slice(offset, offset + size), next };
}

export const withToken = (name: string, next: string | undefined) =>
  next === undefined ? {} : { [name]: next };

/** The values of the EC2 filter named `name` (`Filter.N.Name`, `Filter.N.Value.M`). */
function filterValues(params: Params, name: string): string[] {
  const index = Object.entries(params).find(([k, v]) => /^Filter\.\d+\.Name$/.test(k) && v === name)?.[0];
  if (index === undefined) return [];
  const prefix = `${index.slice(0, -'Name'.length)}Value.`;
  return Object.entries(params)
    .filter(([k]) => k.startsWith(prefix))
    .map(([, v]) => String(v));
}

export function since(value: unknown): number {
  if (value === undefined) return Number.NEGATIVE_INFINITY;
  const n = Number(value);
  // JSON protocols send epoch seconds; REST query strings send ISO 8601.
  return Number.isFinite(n) ? n * 1000 : Date.parse(String(value));
}

const createdAfter = (value: unknown) => (job: Json) => (job.CreationDate as Date).getTime() > since(value);

/** The operations by `service:Operation`, bound to `account`. */
function coreOperations(account: SyntheticAccount): Record<string, Operation> {
  const secretsByArn = new Map(account.secrets.map((s) => [s.ARN as string, s]));
  const secretsByName = new Map(account.secrets.map((s) => [s.Name as string, s]));
  const certificates = new Map(account.certificates.map((c) => [c.summary.CertificateArn as string, c]));
  const alarms = new Map(account.alarms.map((a) => [a.AlarmName as string, a]));
  const tableNames = [...account.tables.keys()].sort();
  const balancersByArn = new Map(account.loadBalancers.map((b) => [b.balancer.LoadBalancerArn as string, b]));
  const targetGroupsByArn = new Map(account.targetGroups.map((g) => [g.group.TargetGroupArn as string, g]));
  const functionsByName = new Map(account.functions.map((f) => [f.FunctionName as string, f]));
  const machinesByArn = new Map(account.stateMachines.map((m) => [m.summary.stateMachineArn as string, m]));
  const logGroupsByName = new Map(account.logGroups.map((g) => [g.group.logGroupName as string, g]));
  // Every running instance publishes its CPU metric (EC2's basic monitoring), agent or not.
  const instanceCpuMetrics = account.reservations.flatMap((r) =>
    (r.instancesSet as Json[]).map((instance) => ({
      metric: {
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: String(instance.instanceId) }],
      } as Json,
      active: true,
    })),
  );
  // Every DB instance's free storage series (RDS metrics in bytes), then the listed storage metrics'.
  const storageSeries = new Map<string, { now: number; perDay: number }>([
    ...account.rdsInstances.map((db, i): [string, { now: number; perDay: number }] => [
      metricKey({
        Namespace: 'AWS/RDS',
        MetricName: String(db.Engine).startsWith('aurora') ? 'FreeLocalStorage' : 'FreeStorageSpace',
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: String(db.DBInstanceIdentifier) }],
      }),
      { now: (5 + (i % 90)) * GIB, perDay: -((i % 4) * 0.5) * GIB },
    ]),
    ...account.storageMetrics.map((m): [string, { now: number; perDay: number }] => [
      metricKey(m.metric as never),
      { now: m.now, perDay: m.perDay },
    ]),
  ]);
  const servicesByArn = new Map(account.ecsServices.map((s) => [s.serviceArn as string, s]));
  const servicesByCluster = new Map<string, Json[]>();
  for (const service of account.ecsServices) {
    const cluster = service.clusterArn as string;
    servicesByCluster.set(cluster, [...(servicesByCluster.get(cluster) ?? []), service]);
  }
  const keys = new Map(
    account.users.flatMap((u) => u.keys.map((k) => [k.metadata.AccessKeyId as string, k])),
  );

  return {
    'secretsmanager:ListSecrets': (p) => {
      const { items, next } = page('secretsmanager:ListSecrets', account.secrets, p.NextToken, p.MaxResults);
      return { SecretList: items, ...withToken('NextToken', next) };
    },
    'secretsmanager:DescribeSecret': (p) => {
      const id = String(p.SecretId);
      const secret = secretsByArn.get(id) ?? secretsByName.get(id);
      if (secret === undefined) return new ServiceError('ResourceNotFoundException', `no secret ${id}`);
      return { ...secret, VersionIdsToStages: secret.SecretVersionsToStages };
    },
    'acm:ListCertificates': (p) => {
      const { items, next } = page('acm:ListCertificates', account.certificates, p.NextToken, p.MaxItems);
      return { CertificateSummaryList: items.map((c) => c.summary), ...withToken('NextToken', next) };
    },
    'acm:DescribeCertificate': (p) => {
      const cert = certificates.get(String(p.CertificateArn));
      if (cert === undefined) return new ServiceError('ResourceNotFoundException', 'no certificate');
      return { Certificate: { ...cert.summary, ...(cert.renewal ? { RenewalSummary: cert.renewal } : {}) } };
    },
    'monitoring:DescribeAlarms': (p) => {
      const names = p.AlarmNames as string[] | undefined;
      const selected = names ? names.flatMap((n) => alarms.get(n) ?? []) : account.alarms;
      const { items, next } = page('monitoring:DescribeAlarms', selected, p.NextToken, p.MaxRecords);
      return { MetricAlarms: items, CompositeAlarms: [], ...withToken('NextToken', next) };
    },
    'sns:ListSubscriptionsByTopic': (p) => {
      const arn = String(p.TopicArn);
      const subscriptions = account.topics.get(arn);
      if (subscriptions === undefined) return new ServiceError('NotFound', 'Topic does not exist', 404);
      const { items, next } = page('sns:ListSubscriptionsByTopic', subscriptions, p.NextToken, undefined);
      return {
        Subscriptions: items.map((s) => ({ SubscriptionArn: s, TopicArn: arn, Protocol: 'email' })),
        ...withToken('NextToken', next),
      };
    },
    'rds:DescribeDBInstances': (p) => {
      const id = p.DBInstanceIdentifier as string | undefined;
      const selected = id
        ? account.rdsInstances.filter((d) => d.DBInstanceIdentifier === id)
        : account.rdsInstances;
      const { items, next } = page('rds:DescribeDBInstances', selected, p.Marker, p.MaxRecords);
      return { DBInstances: items, ...withToken('Marker', next) };
    },
    'rds:DescribeDBClusters': (p) => {
      const id = p.DBClusterIdentifier as string | undefined;
      const selected = id
        ? account.rdsClusters.filter((d) => d.DBClusterIdentifier === id)
        : account.rdsClusters;
      const { items, next } = page('rds:DescribeDBClusters', selected, p.Marker, p.MaxRecords);
      return { DBClusters: items, ...withToken('Marker', next) };
    },
    'dynamodb:ListTables': (p) => {
      const start = p.ExclusiveStartTableName as string | undefined;
      const offset = start === undefined ? 0 : tableNames.indexOf(start) + 1;
      const size = pageSize('dynamodb:ListTables', p.Limit);
      const names = tableNames.slice(offset, offset + size);
      const more = offset + size < tableNames.length;
      return { TableNames: names, ...(more ? { LastEvaluatedTableName: names[names.length - 1] } : {}) };
    },
    'dynamodb:DescribeTable': (p) => {
      const name = String(p.TableName);
      if (!account.tables.has(name)) return new ServiceError('ResourceNotFoundException', 'no table');
      return {
        Table: {
          TableName: name,
          TableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${name}`,
          TableStatus: 'ACTIVE',
        },
      };
    },
    'dynamodb:DescribeContinuousBackups': (p) => {
      const pitr = account.tables.get(String(p.TableName));
      if (pitr === undefined) return new ServiceError('TableNotFoundException', 'no table');
      return {
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: pitr,
        },
      };
    },
    'backup:ListProtectedResources': (p) => {
      const { items, next } = page(
        'backup:ListProtectedResources',
        account.protectedResources,
        p.nextToken,
        p.maxResults,
      );
      return { Results: items, ...withToken('NextToken', next) };
    },
    'backup:ListBackupJobs': (p) => {
      const arn = p.resourceArn as string | undefined;
      const jobs = account.backupJobs
        .filter(createdAfter(p.createdAfter))
        .filter((j) => arn === undefined || j.ResourceArn === arn);
      const { items, next } = page('backup:ListBackupJobs', jobs, p.nextToken, p.maxResults);
      return { BackupJobs: items, ...withToken('NextToken', next) };
    },
    'backup:ListRestoreJobs': (p) => {
      const jobs = account.restoreJobs.filter(createdAfter(p.createdAfter));
      const { items, next } = page('backup:ListRestoreJobs', jobs, p.nextToken, p.maxResults);
      return { RestoreJobs: items, ...withToken('NextToken', next) };
    },
    'ssm:DescribeParameters': (p) => {
      // The only filter the audit sends: Name Equals (the workloads check's existence lookup).
      const filters = (p.ParameterFilters as { Key: string; Values: string[] }[] | undefined) ?? [];
      const names = filters.find((f) => f.Key === 'Name')?.Values;
      const selected =
        names === undefined
          ? account.parameters
          : account.parameters.filter((x) => names.includes(x.Name as string));
      const { items, next } = page('ssm:DescribeParameters', selected, p.NextToken, p.MaxResults);
      return { Parameters: items, ...withToken('NextToken', next) };
    },
    'iam:ListUsers': (p) => {
      const { items, next } = page('iam:ListUsers', account.users, p.Marker, p.MaxItems);
      return {
        Users: items.map((u) => u.user),
        IsTruncated: next !== undefined,
        ...withToken('Marker', next),
      };
    },
    'iam:ListAccessKeys': (p) => {
      const user = account.users.find((u) => u.user.UserName === p.UserName);
      if (user === undefined) return new ServiceError('NoSuchEntity', 'no user', 404);
      const { items, next } = page('iam:ListAccessKeys', user.keys, p.Marker, p.MaxItems);
      return {
        AccessKeyMetadata: items.map((k) => k.metadata),
        IsTruncated: next !== undefined,
        ...withToken('Marker', next),
      };
    },
    'iam:GetAccessKeyLastUsed': (p) => {
      const key = keys.get(String(p.AccessKeyId));
      if (key === undefined) return new ServiceError('NoSuchEntity', 'no key', 404);
      return { UserName: key.metadata.UserName, AccessKeyLastUsed: key.lastUsed };
    },
    'logs:DescribeLogGroups': (p) => {
      const groups = account.logGroups.map((g) => g.group);
      const { items, next } = page('logs:DescribeLogGroups', groups, p.nextToken, p.limit);
      return { logGroups: items, ...withToken('nextToken', next) };
    },
    'logs:DescribeLogStreams': (p) => {
      const group = logGroupsByName.get(String(p.logGroupName));
      if (group === undefined) return new ServiceError('ResourceNotFoundException', 'no log group');
      const byLastEvent = p.orderBy === 'LastEventTime';
      const key = (s: Json) => (byLastEvent ? Number(s.lastEventTimestamp) : 0);
      const sorted = byLastEvent
        ? [...group.streams].sort((a, b) => (p.descending === true ? key(b) - key(a) : key(a) - key(b)))
        : group.streams;
      const { items, next } = page('logs:DescribeLogStreams', sorted, p.nextToken, p.limit);
      return { logStreams: items, ...withToken('nextToken', next) };
    },
    'monitoring:ListMetrics': (p) => {
      const wanted = (p.Dimensions as { Name: string; Value: string }[] | undefined) ?? [];
      const selected = [
        ...account.metrics,
        ...account.storageMetrics.map((m) => ({ metric: m.metric, active: true })),
        ...instanceCpuMetrics,
      ]
        .filter((m) => p.RecentlyActive === undefined || m.active)
        .filter((m) => p.Namespace === undefined || m.metric.Namespace === p.Namespace)
        .filter((m) => p.MetricName === undefined || m.metric.MetricName === p.MetricName)
        .filter((m) =>
          wanted.every((d) =>
            (m.metric.Dimensions as { Name: string; Value: string }[]).some(
              // A dimension named without a value matches any value of it, as ListMetrics does.
              (has) => has.Name === d.Name && (d.Value === undefined || has.Value === d.Value),
            ),
          ),
        )
        .map((m) => m.metric);
      const { items, next } = page('monitoring:ListMetrics', selected, p.NextToken, undefined);
      return { Metrics: items, ...withToken('NextToken', next) };
    },
    'lambda:ListFunctions': (p) => {
      const { items, next } = page('lambda:ListFunctions', account.functions, p.Marker, p.MaxItems);
      return { Functions: items, ...withToken('NextMarker', next) };
    },
    'lambda:GetFunctionConfiguration': (p) => {
      const fn = functionsByName.get(String(p.FunctionName));
      if (fn === undefined) return new ServiceError('ResourceNotFoundException', 'no function', 404);
      return fn;
    },
    'lambda:GetFunctionUrlConfig': (p) => {
      const url = account.functionUrls.get(String(p.FunctionName));
      if (url === undefined)
        return new ServiceError(
          'ResourceNotFoundException',
          'The resource you requested does not exist.',
          404,
        );
      return url;
    },
    'states:ListStateMachines': (p) => {
      const summaries = account.stateMachines.map((m) => m.summary);
      const { items, next } = page('states:ListStateMachines', summaries, p.nextToken, p.maxResults);
      return { stateMachines: items, ...withToken('nextToken', next) };
    },
    'states:DescribeStateMachine': (p) => {
      const machine = machinesByArn.get(String(p.stateMachineArn));
      if (machine === undefined) return new ServiceError('StateMachineDoesNotExist', 'no state machine');
      return {
        ...machine.summary,
        definition: '{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}',
        roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/flow`,
        tracingConfiguration: { enabled: machine.traced },
      };
    },
    'elasticloadbalancing:DescribeTargetGroups': (p) => {
      // Query protocol: a list parameter arrives flattened as TargetGroupArns.member.N.
      const wanted = Object.entries(p)
        .filter(([k]) => k.startsWith('TargetGroupArns.member.'))
        .map(([, v]) => String(v));
      const groups = account.targetGroups
        .map((g) => g.group)
        .filter((g) => wanted.length === 0 || wanted.includes(g.TargetGroupArn as string));
      const { items, next } = page('elasticloadbalancing:DescribeTargetGroups', groups, p.Marker, p.PageSize);
      return { TargetGroups: items, ...withToken('NextMarker', next) };
    },
    'elasticloadbalancing:DescribeTargetHealth': (p) => {
      const group = targetGroupsByArn.get(String(p.TargetGroupArn));
      if (group === undefined) return new ServiceError('TargetGroupNotFound', 'no target group');
      return { TargetHealthDescriptions: group.health };
    },
    'elasticloadbalancing:DescribeLoadBalancers': (p) => {
      const balancers = account.loadBalancers.map((b) => b.balancer);
      const { items, next } = page(
        'elasticloadbalancing:DescribeLoadBalancers',
        balancers,
        p.Marker,
        p.PageSize,
      );
      return { LoadBalancers: items, ...withToken('NextMarker', next) };
    },
    'wafv2:GetWebACLForResource': (p) => {
      const balancer = balancersByArn.get(String(p.ResourceArn));
      if (balancer === undefined) return new ServiceError('WAFNonexistentItemException', 'no such resource');
      return balancer.webAcl === undefined ? {} : { WebACL: balancer.webAcl };
    },
    'application-autoscaling:DescribeScalableTargets': (p) => {
      const targets = account.scalableTargets.filter((t) => t.ServiceNamespace === p.ServiceNamespace);
      const { items, next } = page(
        'application-autoscaling:DescribeScalableTargets',
        targets,
        p.NextToken,
        p.MaxResults,
      );
      return { ScalableTargets: items, ...withToken('NextToken', next) };
    },
    'application-autoscaling:DescribeScalingPolicies': (p) => {
      const policies = account.scalingPolicies.filter(
        (s) =>
          s.ServiceNamespace === p.ServiceNamespace &&
          (p.ResourceId === undefined || s.ResourceId === p.ResourceId) &&
          (p.ScalableDimension === undefined || s.ScalableDimension === p.ScalableDimension),
      );
      const { items, next } = page(
        'application-autoscaling:DescribeScalingPolicies',
        policies,
        p.NextToken,
        p.MaxResults,
      );
      return { ScalingPolicies: items, ...withToken('NextToken', next) };
    },
    'autoscaling:DescribeAutoScalingGroups': (p) => {
      // Query protocol: a list parameter arrives flattened as AutoScalingGroupNames.member.N.
      const wanted = Object.entries(p)
        .filter(([k]) => k.startsWith('AutoScalingGroupNames.member.'))
        .map(([, v]) => String(v));
      const groups = account.autoScalingGroups.filter(
        (g) => wanted.length === 0 || wanted.includes(g.AutoScalingGroupName as string),
      );
      const { items, next } = page(
        'autoscaling:DescribeAutoScalingGroups',
        groups,
        p.NextToken,
        p.MaxRecords,
      );
      return { AutoScalingGroups: items, ...withToken('NextToken', next) };
    },
    'autoscaling:DescribePolicies': (p) => {
      const policies = account.groupPolicies.filter(
        (s) => p.AutoScalingGroupName === undefined || s.AutoScalingGroupName === p.AutoScalingGroupName,
      );
      const { items, next } = page('autoscaling:DescribePolicies', policies, p.NextToken, p.MaxRecords);
      return { ScalingPolicies: items, ...withToken('NextToken', next) };
    },
    'ec2:DescribeInstances': (p) => {
      const { items, next } = page('ec2:DescribeInstances', account.reservations, p.NextToken, p.MaxResults);
      return { reservationSet: items, ...withToken('nextToken', next) };
    },
    'ecs:ListClusters': (p) => {
      const { items, next } = page('ecs:ListClusters', account.ecsClusters, p.nextToken, p.maxResults);
      return { clusterArns: items, ...withToken('nextToken', next) };
    },
    'ecs:ListServices': (p) => {
      const arns = (servicesByCluster.get(String(p.cluster)) ?? []).map((s) => s.serviceArn as string);
      const { items, next } = page('ecs:ListServices', arns, p.nextToken, p.maxResults);
      return { serviceArns: items, ...withToken('nextToken', next) };
    },
    'ecs:DescribeServices': (p) => {
      const wanted = (p.services as string[] | undefined) ?? [];
      if (wanted.length > 10) return new ServiceError('InvalidParameterException', 'at most 10 services');
      const found = wanted.map((arn) => servicesByArn.get(arn));
      return {
        services: found.filter((s): s is Json => s !== undefined && s.clusterArn === p.cluster),
        failures: wanted.filter((_, i) => found[i] === undefined).map((arn) => ({ arn, reason: 'MISSING' })),
      };
    },
    'ecs:DescribeTaskDefinition': (p) => {
      const definition = account.taskDefinitions.get(String(p.taskDefinition));
      if (definition === undefined)
        return new ServiceError('ClientException', 'Unable to describe task definition.');
      return { taskDefinition: definition };
    },
    'servicequotas:ListServiceQuotas': (p) => {
      const quotas = account.quotas.get(String(p.ServiceCode));
      if (quotas === undefined) return new ServiceError('NoSuchResourceException', 'no such service');
      const { items, next } = page('servicequotas:ListServiceQuotas', quotas, p.NextToken, p.MaxResults);
      return { Quotas: items, ...withToken('NextToken', next) };
    },
    // Storage series (disk-space) are hourly over the window; usage metrics (resource-limits) per minute.
    'monitoring:GetMetricData': (p) => {
      type Query = {
        Id: string;
        MetricStat: {
          Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
        };
      };
      const queries = (p.MetricDataQueries as Query[] | undefined) ?? [];
      if (queries.length > 500) return new ServiceError('ValidationError', 'at most 500 queries', 400);
      const start = since(p.StartTime);
      const end = since(p.EndTime);
      return {
        MetricDataResults: queries.map((q) => {
          const metric = q.MetricStat.Metric;
          const series = storageSeries.get(metricKey(metric));
          if (series !== undefined) {
            const hours = Math.floor((end - start) / HOUR_MS);
            const timestamps = Array.from(
              { length: hours },
              (_, i) => new Date(end - (hours - 1 - i) * HOUR_MS),
            );
            const values = timestamps.map(
              (at) => series.now - (series.perDay * (end - at.getTime())) / DAY_MS,
            );
            return { Id: q.Id, Label: q.Id, Timestamps: timestamps, Values: values, StatusCode: 'Complete' };
          }
          const dimensions = Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name, d.Value]));
          const values = account.usage.get(usageKey(metric.Namespace, metric.MetricName, dimensions)) ?? [];
          return {
            Id: q.Id,
            Label: metric.MetricName,
            Timestamps: values.map((_, m) => start / 1000 + m * 60),
            Values: values,
            StatusCode: 'Complete',
          };
        }),
      };
    },
    ...imageOperations(account),
    // EC2: filters arrive flattened as Filter.N.Name and Filter.N.Value.M.
    'ec2:DescribeNetworkInterfaces': (p) => {
      const inUse = filterValues(p, 'status');
      const interfaces = account.network.interfaces.filter(
        (eni) => inUse.length === 0 || inUse.includes(String(eni.status)),
      );
      const { items, next } = page('ec2:DescribeNetworkInterfaces', interfaces, p.NextToken, p.MaxResults);
      return {
        networkInterfaceSet: items.map(({ status: _, ...eni }) => eni),
        ...withToken('nextToken', next),
      };
    },
    'ec2:DescribeSecurityGroupRules': (p) => {
      const groups = filterValues(p, 'group-id');
      const rules = account.network.rules.filter(
        (r) => groups.length === 0 || groups.includes(String(r.groupId)),
      );
      const { items, next } = page('ec2:DescribeSecurityGroupRules', rules, p.NextToken, p.MaxResults);
      return { securityGroupRuleSet: items, ...withToken('nextToken', next) };
    },
    'ec2:DescribeFlowLogs': (p) => {
      const vpcs = filterValues(p, 'resource-id');
      const logs = account.network.flowLogs.filter(
        (l) => vpcs.length === 0 || vpcs.includes(String(l.resourceId)),
      );
      const { items, next } = page('ec2:DescribeFlowLogs', logs, p.NextToken, p.MaxResults);
      return { flowLogSet: items, ...withToken('nextToken', next) };
    },
    'sts:GetCallerIdentity': () => ({
      UserId: 'AIDABENCH',
      Account: ACCOUNT_ID,
      Arn: `arn:aws:iam::${ACCOUNT_ID}:user/bench`,
    }),
    ...deployOperations(account.deploys),
    ...bucketOperations(account.buckets),
  };
}

/** The first value of a filter of Inspector's `filterCriteria`, e.g. `ecrImageHash`. */
function filterValue(params: Params, name: string): string | undefined {
  const criteria = params.filterCriteria as Record<string, Array<{ value?: string }>> | undefined;
  return criteria?.[name]?.[0]?.value;
}

/** ECR and Amazon Inspector over the synthetic registry (enhanced scanning, every repository continuous). */
function imageOperations(account: SyntheticAccount): Record<string, Operation> {
  const { registry } = account;
  const byDigest = new Map(
    [...registry.images.values()].flat().map((image) => [`${image.repository}@${image.digest}`, image]),
  );
  const repositories = new Map(registry.repositories.map((r) => [r.repositoryName as string, r]));
  return {
    'ecr:GetRegistryScanningConfiguration': () => ({
      registryId: ACCOUNT_ID,
      scanningConfiguration: {
        scanType: 'ENHANCED',
        rules: [
          { scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] },
        ],
      },
    }),
    'ecr:DescribeRepositories': (p) => {
      const names = p.repositoryNames as string[] | undefined;
      if (names !== undefined) {
        const found = names.map((name) => repositories.get(name));
        if (found.some((r) => r === undefined))
          return new ServiceError('RepositoryNotFoundException', 'no such repository');
        return { repositories: found };
      }
      const { items, next } = page(
        'ecr:DescribeRepositories',
        registry.repositories,
        p.nextToken,
        p.maxResults,
      );
      return { repositories: items, ...withToken('nextToken', next) };
    },
    'ecr:DescribeImages': (p) => {
      const repository = String(p.repositoryName);
      const images = registry.images.get(repository);
      if (images === undefined) return new ServiceError('RepositoryNotFoundException', 'no such repository');
      const ids = p.imageIds as Array<{ imageDigest?: string }> | undefined;
      if (ids !== undefined) {
        const found = ids.map((id) => byDigest.get(`${repository}@${id.imageDigest}`));
        if (found.some((i) => i === undefined))
          return new ServiceError('ImageNotFoundException', 'no such image');
        return { imageDetails: found.map((i) => i?.detail) };
      }
      const { items, next } = page('ecr:DescribeImages', images, p.nextToken, p.maxResults);
      return { imageDetails: items.map((i) => i.detail), ...withToken('nextToken', next) };
    },
    'inspector2:BatchGetAccountStatus': () => ({
      accounts: [
        {
          accountId: ACCOUNT_ID,
          state: { status: 'ENABLED' },
          resourceState: { ec2: { status: 'ENABLED' }, ecr: { status: 'ENABLED' } },
        },
      ],
      failedAccounts: [],
    }),
    'inspector2:ListCoverage': (p) => {
      const id = filterValue(p, 'resourceId') ?? '';
      const [repositoryPath, digest] = id.split('/sha256:');
      const repository = repositoryPath?.replace(/^arn:aws:ecr:[^:]+:\d+:repository\//, '') ?? '';
      const image = byDigest.get(`${repository}@sha256:${digest}`);
      const covered =
        image === undefined
          ? []
          : [
              {
                resourceType: 'AWS_ECR_CONTAINER_IMAGE',
                resourceId: id,
                accountId: ACCOUNT_ID,
                scanType: 'PACKAGE',
                scanStatus: { statusCode: 'ACTIVE', reason: 'SUCCESSFUL' },
                lastScannedAt: new Date(NOW.getTime() - 3_600_000),
              },
            ];
      const { items, next } = page('inspector2:ListCoverage', covered, p.nextToken, p.maxResults);
      return { coveredResources: items, ...withToken('nextToken', next) };
    },
    'inspector2:ListFindings': (p) => {
      const image = byDigest.get(
        `${filterValue(p, 'ecrImageRepositoryName')}@${filterValue(p, 'ecrImageHash')}`,
      );
      const criteria = p.filterCriteria as Record<string, Array<{ value?: string }>> | undefined;
      const severities = new Set((criteria?.severity ?? []).map((f) => f.value));
      const findings = (image?.findings ?? []).filter(
        (f) => severities.size === 0 || severities.has(String(f.severity)),
      );
      const { items, next } = page('inspector2:ListFindings', findings, p.nextToken, p.maxResults);
      return { findings: items, ...withToken('nextToken', next) };
    },
  };
}

/** Every operation the endpoint answers over `account`. */
export function operationsFor(account: SyntheticAccount): Record<string, Operation> {
  const core = coreOperations(account);
  return { ...core, ...apiGatewayOperations(account.apis, core['wafv2:GetWebACLForResource']) };
}
