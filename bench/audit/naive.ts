import {
  ACMClient,
  type CertificateDetail,
  DescribeCertificateCommand,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BackupClient, paginateListBackupJobs } from '@aws-sdk/client-backup';
import { CloudWatchClient, DescribeAlarmsCommand, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, paginateDescribeLogStreams } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  paginateListTables,
} from '@aws-sdk/client-dynamodb';
import { EC2Client, paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import { ECSClient, paginateListClusters, paginateListServices } from '@aws-sdk/client-ecs';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetFunctionConfigurationCommand, LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import {
  type DBCluster,
  type DBInstance,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  RDSClient,
} from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import {
  DescribeSecretCommand,
  paginateListSecrets,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createAwsAccount } from '../../lambdas/aws/account';
import { callAws, collectPages } from '../../lambdas/aws/call';
import { type AwsClientOptions, clientConfig } from '../../lambdas/aws/client-config';
import { toTargetGroup } from '../../lambdas/aws/load-balancing/elbv2';
import { flowLogs, securityGroupRules, toNetworkInterface } from '../../lambdas/aws/network/ec2';
import { ALL_KEY_TYPES, ALL_STATUSES } from '../../lambdas/aws/tls/acm';
import { describeEcsServices } from '../../lambdas/aws/workloads/ecs';
import { existingParameters } from '../../lambdas/aws/workloads/secret-metadata';
import { quotaUsage } from '../../lambdas/aws/workloads/usage';
import type { Alarm, AlarmState } from '../../lambdas/core/checks/alarms/ports';
import type { BackupJob, DatabaseResource } from '../../lambdas/core/checks/backups/ports';
import type { TargetGroup } from '../../lambdas/core/checks/load-balancing/ports';
import type { NetworkPorts } from '../../lambdas/core/checks/network/ports';
import type { LogActivity } from '../../lambdas/core/checks/observability/ports';
import type { SecretMetadata } from '../../lambdas/core/checks/secrets/ports';
import type { AcmCertificate, AcmRenewal } from '../../lambdas/core/checks/tls/ports';
import type { TracedFunction } from '../../lambdas/core/checks/tracing/ports';
import type { AccountPorts } from '../../lambdas/core/checks/types';
import type { EcsServiceRef, WorkloadsPorts } from '../../lambdas/core/checks/workloads/ports';
import { mapWithConcurrency } from '../../lambdas/core/concurrency';
import { naiveHttpApiPorts, naiveRestApiPorts } from './naive-apigateway';
import { naiveBuckets } from './naive-buckets';
import { naiveDeploysPorts } from './naive-deploys';
import { naiveImages } from './naive-images';
import { naiveScaling } from './naive-scaling';
import { naiveStorage } from './naive-storage';

/*
 * The naive way to read the same account: list the names, then one describe per resource. Same
 * ports, same checks, same SDK retry configuration and the same fan-out bound as Preflight's own
 * per-resource calls (5 in flight), so the difference measured is only the access pattern.
 * Services with no per-resource alternative (SSM, IAM, SNS, restore jobs) use Preflight's adapters.
 */

const FAN_OUT = 5;

function naiveSecrets(client: SecretsManagerClient) {
  return async (): Promise<SecretMetadata[]> => {
    const entries = await collectPages(
      'secretsmanager:ListSecrets',
      paginateListSecrets({ client, pageSize: 100 }, { IncludePlannedDeletion: false }),
      (page) => page.SecretList,
    );
    return mapWithConcurrency(entries, FAN_OUT, async (entry) => {
      const s = await callAws('secretsmanager:DescribeSecret', () =>
        client.send(new DescribeSecretCommand({ SecretId: entry.ARN })),
      );
      return {
        arn: s.ARN ?? '',
        name: s.Name ?? '',
        kmsKeyId: s.KmsKeyId,
        rotationEnabled: s.RotationEnabled === true,
        rotationRules:
          s.RotationRules === undefined
            ? undefined
            : {
                automaticallyAfterDays: s.RotationRules.AutomaticallyAfterDays,
                scheduleExpression: s.RotationRules.ScheduleExpression,
              },
        lastRotatedDate: s.LastRotatedDate,
        lastChangedDate: s.LastChangedDate,
        nextRotationDate: s.NextRotationDate,
        createdDate: s.CreatedDate,
        tags: Object.fromEntries((s.Tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : []))),
        versionStages: s.VersionIdsToStages ?? {},
      };
    });
  };
}

function naiveCertificates(client: ACMClient) {
  const details = new Map<string, CertificateDetail>();
  const list = async (): Promise<AcmCertificate[]> => {
    const summaries = await collectPages(
      'acm:ListCertificates',
      paginateListCertificates(
        { client, pageSize: 1000 },
        { Includes: { keyTypes: ALL_KEY_TYPES }, CertificateStatuses: ALL_STATUSES },
      ),
      (page) => page.CertificateSummaryList,
    );
    return mapWithConcurrency(summaries, FAN_OUT, async (summary) => {
      const arn = summary.CertificateArn ?? '';
      const { Certificate: c = {} } = await callAws('acm:DescribeCertificate', () =>
        client.send(new DescribeCertificateCommand({ CertificateArn: arn })),
      );
      details.set(arn, c);
      return {
        arn,
        domainName: c.DomainName ?? null,
        type: c.Type ?? null,
        status: c.Status ?? null,
        inUse: (c.InUseBy ?? []).length > 0 || summary.InUse === true,
        exported: summary.Exported ?? null,
        keyAlgorithm: c.KeyAlgorithm ?? null,
        renewalEligibility: c.RenewalEligibility ?? null,
        notBefore: c.NotBefore ?? null,
        notAfter: c.NotAfter ?? null,
      };
    });
  };
  // The describe already carried the renewal summary: no second call.
  const renewal = async (arn: string): Promise<AcmRenewal> => {
    const summary = details.get(arn)?.RenewalSummary;
    return {
      status: summary?.RenewalStatus ?? null,
      reason: summary?.RenewalStatusReason ?? null,
      updatedAt: summary?.UpdatedAt ?? null,
    };
  };
  return { list, renewal };
}

function naiveAlarms(client: CloudWatchClient) {
  return async (): Promise<Alarm[]> => {
    const names = await collectPages(
      'cloudwatch:DescribeAlarms',
      paginateDescribeAlarms({ client }, { AlarmTypes: ['MetricAlarm'] }),
      (page) => (page.MetricAlarms ?? []).map((a) => a.AlarmName ?? ''),
    );
    const alarms = await mapWithConcurrency(names, FAN_OUT, async (name) => {
      const out = await callAws('cloudwatch:DescribeAlarms', () =>
        client.send(new DescribeAlarmsCommand({ AlarmNames: [name] })),
      );
      return (out.MetricAlarms ?? []).map(
        (a): Alarm => ({
          kind: 'metric',
          name,
          arn: a.AlarmArn ?? name,
          actionsEnabled: a.ActionsEnabled === true,
          alarmActions: a.AlarmActions ?? [],
          state: a.StateValue as AlarmState | undefined,
          ...(a.StateReason === undefined ? {} : { stateReason: a.StateReason }),
          ...(a.StateTransitionedTimestamp === undefined
            ? {}
            : { stateTransitionedAt: a.StateTransitionedTimestamp }),
          ...(a.StateUpdatedTimestamp === undefined ? {} : { stateUpdatedAt: a.StateUpdatedTimestamp }),
          ...(a.TreatMissingData === undefined ? {} : { treatMissingData: a.TreatMissingData }),
          metrics: a.Namespace && a.MetricName ? [{ namespace: a.Namespace, metricName: a.MetricName }] : [],
        }),
      );
    });
    return alarms.flat();
  };
}

function rdsResource(
  kind: 'rds-instance' | 'rds-cluster',
  id: string,
  db: DBInstance | DBCluster | undefined,
): DatabaseResource {
  const arn =
    (db && 'DBInstanceArn' in db ? db.DBInstanceArn : (db as DBCluster | undefined)?.DBClusterArn) ?? id;
  return {
    kind,
    arn,
    name: id,
    engine: db?.Engine ?? 'unknown',
    native: {
      kind: 'retention',
      retentionDays: db?.BackupRetentionPeriod ?? 0,
      ...(db?.LatestRestorableTime === undefined ? {} : { latestRestorableTime: db.LatestRestorableTime }),
    },
  };
}

function naiveBackups(rds: RDSClient, dynamodb: DynamoDBClient, backup: BackupClient) {
  const known: string[] = [];
  const instances = async (): Promise<DatabaseResource[]> => {
    const ids = await collectPages(
      'rds:DescribeDBInstances',
      paginateDescribeDBInstances({ client: rds }, {}),
      (p) => (p.DBInstances ?? []).map((d) => d.DBInstanceIdentifier ?? ''),
    );
    return mapWithConcurrency(ids, FAN_OUT, async (id) => {
      const out = await callAws('rds:DescribeDBInstances', () =>
        rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })),
      );
      const resource = rdsResource('rds-instance', id, out.DBInstances?.[0]);
      known.push(resource.arn);
      return resource;
    });
  };
  const clusters = async (): Promise<DatabaseResource[]> => {
    const ids = await collectPages(
      'rds:DescribeDBClusters',
      paginateDescribeDBClusters({ client: rds }, {}),
      (p) => (p.DBClusters ?? []).map((d) => d.DBClusterIdentifier ?? ''),
    );
    return mapWithConcurrency(ids, FAN_OUT, async (id) => {
      const out = await callAws('rds:DescribeDBClusters', () =>
        rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id })),
      );
      const resource = rdsResource('rds-cluster', id, out.DBClusters?.[0]);
      known.push(resource.arn);
      return resource;
    });
  };
  const tables = async (): Promise<DatabaseResource[]> => {
    const names = await collectPages(
      'dynamodb:ListTables',
      paginateListTables({ client: dynamodb }, {}),
      (p) => p.TableNames,
    );
    return mapWithConcurrency(names, FAN_OUT, async (name): Promise<DatabaseResource> => {
      const table = await callAws('dynamodb:DescribeTable', () =>
        dynamodb.send(new DescribeTableCommand({ TableName: name })),
      );
      const backups = await callAws('dynamodb:DescribeContinuousBackups', () =>
        dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: name })),
      );
      const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
      const arn = table.Table?.TableArn ?? name;
      known.push(arn);
      return {
        kind: 'dynamodb-table',
        arn,
        name,
        engine: 'dynamodb',
        native: {
          kind: 'pitr',
          enabled: pitr?.PointInTimeRecoveryStatus === 'ENABLED',
          ...(pitr?.RecoveryPeriodInDays === undefined
            ? {}
            : { recoveryPeriodDays: pitr.RecoveryPeriodInDays }),
          ...(pitr?.LatestRestorableDateTime === undefined
            ? {}
            : { latestRestorableTime: pitr.LatestRestorableDateTime }),
        },
      };
    });
  };
  // One ListBackupJobs per database instead of one account-wide listing.
  const backupJobs = async (since: Date): Promise<BackupJob[]> => {
    const perDatabase = await mapWithConcurrency(known, FAN_OUT, (arn) =>
      collectPages(
        'backup:ListBackupJobs',
        paginateListBackupJobs({ client: backup }, { ByResourceArn: arn, ByCreatedAfter: since }),
        (page) => page.BackupJobs,
      ),
    );
    return perDatabase.flat().map((job) => ({
      jobId: job.BackupJobId ?? 'unknown',
      resourceArn: job.ResourceArn ?? '',
      state: job.State ?? 'UNKNOWN',
      ...(job.StatusMessage === undefined ? {} : { statusMessage: job.StatusMessage }),
      ...(job.CreationDate === undefined ? {} : { createdAt: job.CreationDate }),
      ...(job.CompletionDate === undefined ? {} : { completedAt: job.CompletionDate }),
    }));
  };
  return { instances, clusters, tables, backupJobs };
}

/**
 * A log group's newest activity the naive way: every stream of the group, page after page in the
 * default order (by name), and the newest times among all of them.
 */
function naiveLogActivity(client: CloudWatchLogsClient) {
  return async (logGroupName: string): Promise<LogActivity> => {
    const streams = await collectPages(
      'logs:DescribeLogStreams',
      paginateDescribeLogStreams({ client }, { logGroupName }),
      (page) => page.logStreams,
    );
    const newest = (times: (number | undefined)[]) => {
      const known = times.filter((t): t is number => t !== undefined);
      return known.length === 0 ? undefined : new Date(Math.max(...known));
    };
    const lastEventAt = newest(streams.map((s) => s.lastEventTimestamp));
    const lastIngestionAt = newest(streams.map((s) => s.lastIngestionTime));
    return {
      streams: streams.length,
      ...(lastEventAt === undefined ? {} : { lastEventAt }),
      ...(lastIngestionAt === undefined ? {} : { lastIngestionAt }),
    };
  };
}

/** The functions the naive way: the listing at its default page, then one configuration per function. */
function naiveFunctions(client: LambdaClient) {
  return async (): Promise<TracedFunction[]> => {
    const listed = await collectPages(
      'lambda:ListFunctions',
      paginateListFunctions({ client }, {}),
      (page) => page.Functions,
    );
    return mapWithConcurrency(listed, FAN_OUT, async (fn) => {
      const configuration = await callAws('lambda:GetFunctionConfiguration', () =>
        client.send(new GetFunctionConfigurationCommand({ FunctionName: fn.FunctionName })),
      );
      return {
        name: configuration.FunctionName ?? '',
        arn: configuration.FunctionArn ?? '',
        ...(configuration.TracingConfig?.Mode === undefined
          ? {}
          : { tracingMode: configuration.TracingConfig.Mode }),
        ...(configuration.Timeout === undefined ? {} : { timeoutSeconds: configuration.Timeout }),
        ...(configuration.MemorySize === undefined ? {} : { memoryMb: configuration.MemorySize }),
        ...(configuration.Environment?.Variables === undefined
          ? {}
          : { environment: configuration.Environment.Variables }),
        ...(configuration.KMSKeyArn === undefined ? {} : { kmsKeyArn: configuration.KMSKeyArn }),
      };
    });
  };
}

/** Target groups the naive way: the ARNs at the default page size, then one describe per group. */
function naiveTargetGroups(client: ElasticLoadBalancingV2Client) {
  return async (): Promise<TargetGroup[]> => {
    const listed = await collectPages(
      'elasticloadbalancing:DescribeTargetGroups',
      paginateDescribeTargetGroups({ client }, {}),
      (page) => page.TargetGroups,
    );
    const described = await mapWithConcurrency(listed, FAN_OUT, async (group) => {
      const answer = await callAws('elasticloadbalancing:DescribeTargetGroups', () =>
        client.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [group.TargetGroupArn ?? ''] })),
      );
      return (answer.TargetGroups ?? []).map(toTargetGroup);
    });
    return described.flat();
  };
}

/**
 * ECS, quota usage and parameters the naive way: the listings at their default page (ListServices:
 * 10), one DescribeServices per service, one GetMetricData per quota, one DescribeParameters per name.
 * Task definitions and secrets are read one per resource either way.
 */
function naiveWorkloads(
  ours: WorkloadsPorts,
  ecs: ECSClient,
  cloudwatch: CloudWatchClient,
  ssm: SSMClient,
): WorkloadsPorts {
  return {
    ...ours,
    listEcsServices: async () => {
      const clusters = await collectPages(
        'ecs:ListClusters',
        paginateListClusters({ client: ecs }, {}),
        (page) => page.clusterArns,
      );
      const services: EcsServiceRef[] = [];
      for (const clusterArn of clusters) {
        const arns = await collectPages(
          'ecs:ListServices',
          paginateListServices({ client: ecs }, { cluster: clusterArn }),
          (page) => page.serviceArns,
        );
        services.push(...arns.map((arn) => ({ arn, name: arn.slice(arn.lastIndexOf('/') + 1), clusterArn })));
      }
      return services;
    },
    describeEcsServices: async (cluster, arns) =>
      (await mapWithConcurrency(arns, FAN_OUT, (arn) => describeEcsServices(ecs, cluster, [arn]))).flat(),
    usage: async (queries, start, end) => {
      const each = await mapWithConcurrency(queries, FAN_OUT, (query) =>
        quotaUsage(cloudwatch, [query], start, end),
      );
      return new Map(each.flatMap((m) => [...m]));
    },
    existingParameters: async (names) => {
      const each = await mapWithConcurrency(names, FAN_OUT, (name) => existingParameters(ssm, [name]));
      return new Set(each.flatMap((found) => [...found]));
    },
  };
}

/** The network the naive way: interfaces at the default page, then one call per group and per VPC. */
function naiveNetwork(client: EC2Client, ours: NetworkPorts): NetworkPorts {
  return {
    internetFacingLoadBalancers: () => ours.internetFacingLoadBalancers(),
    // A service's task interfaces have no per-resource alternative: ours.
    taskInterfaces: ours.taskInterfaces,
    listEcsServices: ours.listEcsServices,
    prefixListId: ours.prefixListId,
    listNetworkInterfaces: async () => {
      const region = await client.config.region();
      const listed = await collectPages(
        'ec2:DescribeNetworkInterfaces',
        paginateDescribeNetworkInterfaces({ client }, { Filters: [{ Name: 'status', Values: ['in-use'] }] }),
        (page) => page.NetworkInterfaces,
      );
      return listed.map((eni) => toNetworkInterface(eni, region));
    },
    securityGroupRules: async (groupIds) =>
      (await mapWithConcurrency([...groupIds], FAN_OUT, (id) => securityGroupRules(client, [id]))).flat(),
    flowLogs: async (vpcIds) =>
      (await mapWithConcurrency([...vpcIds], FAN_OUT, (id) => flowLogs(client, [id]))).flat(),
  };
}

/** Preflight's ports with the naive access pattern wherever one describe per resource is possible. */
export function createNaiveAccount(options: AwsClientOptions): AccountPorts {
  const ours = createAwsAccount(options);
  const config = clientConfig(options);
  const certificates = naiveCertificates(new ACMClient(config));
  const backups = naiveBackups(new RDSClient(config), new DynamoDBClient(config), new BackupClient(config));
  return {
    secrets: { ...ours.secrets, listSecrets: naiveSecrets(new SecretsManagerClient(config)) },
    tls: { ...ours.tls, listCertificates: certificates.list, getRenewal: certificates.renewal },
    alarms: { ...ours.alarms, listAlarms: naiveAlarms(new CloudWatchClient(config)) },
    scope: ours.scope,
    // Key metrics have no per-resource alternative: ours. Log activity: every stream of every group.
    observability: { ...ours.observability, logActivity: naiveLogActivity(new CloudWatchLogsClient(config)) },
    // Function names first, then GetFunctionConfiguration per function for its tracing mode.
    tracing: { ...ours.tracing, listFunctions: naiveFunctions(new LambdaClient(config)) },
    // A load balancer's web ACL has no per-resource alternative: ours.
    waf: ours.waf,
    // Function URLs have no listing to replace the per-function lookup: ours. Buckets: every region's
    // listed, then each one's location asked.
    cors: {
      ...ours.cors,
      listBuckets: naiveBuckets(
        new S3Client({ ...config, ...(options.endpoint === undefined ? {} : { forcePathStyle: true }) }),
      ),
    },
    // Default page sizes, then a describe per stage and per HTTP API.
    restApis: naiveRestApiPorts(new APIGatewayClient(config), FAN_OUT),
    httpApis: naiveHttpApiPorts(new ApiGatewayV2Client(config), FAN_OUT),
    workloads: naiveWorkloads(
      ours.workloads,
      new ECSClient(config),
      new CloudWatchClient(config),
      new SSMClient(config),
    ),
    // Findings at the default page, unfiltered by severity; images and repositories found by listing.
    images: naiveImages(options, ours.images),
    // ECS services described one per call, rollback runs read from the whole history.
    deploys: naiveDeploysPorts(ours.deploys, options, FAN_OUT),
    network: naiveNetwork(new EC2Client(config), ours.network),
    loadBalancing: {
      ...ours.loadBalancing,
      listTargetGroups: naiveTargetGroups(new ElasticLoadBalancingV2Client(config)),
    },
    // Scaling policies: one DescribeScalingPolicies per target, one DescribePolicies per group.
    scaling: naiveScaling(
      ours.scaling,
      new ApplicationAutoScalingClient(config),
      new AutoScalingClient(config),
    ),
    // Free storage: one GetMetricData per series.
    storage: naiveStorage(ours.storage),
    backups: {
      ...ours.backups,
      listRdsInstances: backups.instances,
      listRdsClusters: backups.clusters,
      listDynamoDbTables: backups.tables,
      listBackupJobs: backups.backupJobs,
    },
  };
}
