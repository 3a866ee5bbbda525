import { pick, seededRandom } from '../support/random';
import { type ApisSize, type SyntheticApis, syntheticApis } from './account-apigateway';
import { type SyntheticBucket, syntheticBuckets } from './account-buckets';
import { type DeploysSize, type SyntheticDeploys, syntheticDeploys } from './account-deploys';

/*
 * A seeded synthetic AWS account, as plain data the local endpoint serves through the real SDK.
 * Shapes follow the services' responses (field names as on the wire); dates are Date objects, which
 * the endpoint writes as epoch seconds (JSON protocols) or ISO 8601 (Query/XML).
 */

export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '111122223333';
/** The audit's clock: every date of the account is relative to it. */
export const NOW = new Date('2026-11-02T06:00:00Z');

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ahead = (ms: number) => new Date(NOW.getTime() + ms);

/** How many of each resource: the brief's account, times `scale`. */
export interface AccountSize extends DeploysSize, ApisSize {
  readonly secrets: number;
  readonly certificates: number;
  readonly alarms: number;
  readonly topics: number;
  readonly rdsInstances: number;
  readonly rdsClusters: number;
  readonly dynamoTables: number;
  readonly parameters: number;
  readonly iamUsers: number;
  readonly logGroups: number;
  readonly metrics: number;
  readonly functions: number;
  readonly stateMachines: number;
  readonly targetGroups: number;
  /** Application Auto Scaling targets, spread over ECS, DynamoDB (reads and writes) and Aurora. */
  readonly scalableTargets: number;
  readonly autoScalingGroups: number;
  /** Running EC2 instances (most with the CloudWatch agent) and OpenSearch domains. */
  readonly ec2Instances: number;
  readonly searchDomains: number;
  readonly ecsClusters: number;
  readonly ecsServices: number;
  /** Applied quotas per service code the resource-limits check lists. */
  readonly quotasPerCode: number;
  /** Images of the gate's release, each with its scan findings, in repositories of other images. */
  readonly releaseImages: number;
  /** S3 buckets of the account, two in three in the audited region. */
  readonly s3Buckets: number;
}

export const FULL_SIZE: AccountSize = {
  secrets: 5000,
  certificates: 2000,
  alarms: 3000,
  topics: 150,
  rdsInstances: 300,
  rdsClusters: 50,
  dynamoTables: 150,
  parameters: 2000,
  iamUsers: 100,
  logGroups: 1000,
  metrics: 3000,
  functions: 2000,
  stateMachines: 300,
  targetGroups: 500,
  scalableTargets: 600,
  autoScalingGroups: 200,
  ec2Instances: 400,
  searchDomains: 20,
  ecsClusters: 20,
  ecsServices: 600,
  quotasPerCode: 120,
  releaseImages: 20,
  deploymentGroups: 40,
  rollbackDocuments: 20,
  automationRuns: 3000,
  restApis: 200,
  httpApis: 200,
  s3Buckets: 600,
};

export function scaled(size: AccountSize, scale: number): AccountSize {
  const s = (n: number) => Math.max(1, Math.round(n * scale));
  return {
    secrets: s(size.secrets),
    certificates: s(size.certificates),
    alarms: s(size.alarms),
    topics: s(size.topics),
    rdsInstances: s(size.rdsInstances),
    rdsClusters: s(size.rdsClusters),
    dynamoTables: s(size.dynamoTables),
    parameters: s(size.parameters),
    iamUsers: s(size.iamUsers),
    logGroups: s(size.logGroups),
    metrics: s(size.metrics),
    functions: s(size.functions),
    stateMachines: s(size.stateMachines),
    targetGroups: s(size.targetGroups),
    scalableTargets: s(size.scalableTargets),
    autoScalingGroups: s(size.autoScalingGroups),
    ec2Instances: s(size.ec2Instances),
    searchDomains: s(size.searchDomains),
    ecsClusters: s(size.ecsClusters),
    ecsServices: s(size.ecsServices),
    quotasPerCode: s(size.quotasPerCode),
    releaseImages: s(size.releaseImages),
    // What the audit is configured with, not what the account holds: the same at every scale.
    deploymentGroups: size.deploymentGroups,
    rollbackDocuments: size.rollbackDocuments,
    automationRuns: s(size.automationRuns),
    restApis: s(size.restApis),
    httpApis: s(size.httpApis),
    s3Buckets: s(size.s3Buckets),
  };
}

export type Json = Record<string, unknown>;

export interface SyntheticCertificate {
  /** ListCertificates' summary. */
  readonly summary: Json;
  /** What DescribeCertificate adds: the managed renewal summary, when one exists. */
  readonly renewal: Json | undefined;
}

export interface SyntheticUser {
  readonly user: Json;
  readonly keys: readonly { readonly metadata: Json; readonly lastUsed: Json }[];
}

export interface SyntheticAccount {
  readonly size: AccountSize;
  readonly secrets: readonly Json[];
  readonly certificates: readonly SyntheticCertificate[];
  readonly alarms: readonly Json[];
  /** Topic ARN → subscription ARNs; alarms also target a few topics that do not exist. */
  readonly topics: ReadonlyMap<string, readonly string[]>;
  readonly rdsInstances: readonly Json[];
  readonly rdsClusters: readonly Json[];
  /** Table name → point-in-time recovery description. */
  readonly tables: ReadonlyMap<string, Json>;
  readonly protectedResources: readonly Json[];
  readonly backupJobs: readonly Json[];
  readonly restoreJobs: readonly Json[];
  readonly parameters: readonly Json[];
  readonly users: readonly SyntheticUser[];
  readonly logGroups: readonly SyntheticLogGroup[];
  /** Every metric ListMetrics knows; `active` ones had datapoints in the last 3 hours. */
  readonly metrics: readonly { readonly metric: Json; readonly active: boolean }[];
  /** ListFunctions' entries, each with its TracingConfig. */
  readonly functions: readonly Json[];
  /** GetFunctionUrlConfig's answer by function name, for the functions that have a URL. */
  readonly functionUrls: ReadonlyMap<string, Json>;
  /** ListStateMachines' entries and whether each traces (DescribeStateMachine's tracingConfiguration). */
  readonly stateMachines: readonly { readonly summary: Json; readonly traced: boolean }[];
  /** DescribeTargetGroups' entries and DescribeTargetHealth's descriptions of each. */
  readonly targetGroups: readonly { readonly group: Json; readonly health: readonly Json[] }[];
  /** DescribeLoadBalancers' entries (those the target groups name) and the web ACL of each, if any. */
  readonly loadBalancers: readonly { readonly balancer: Json; readonly webAcl?: Json }[];
  /** DescribeScalableTargets' entries (with `ServiceNamespace`) and DescribeScalingPolicies' entries. */
  readonly scalableTargets: readonly Json[];
  readonly scalingPolicies: readonly Json[];
  /** DescribeAutoScalingGroups' entries and DescribePolicies' entries. */
  readonly autoScalingGroups: readonly Json[];
  readonly groupPolicies: readonly Json[];
  /** DescribeInstances' reservations (EC2 wire names), one running instance each. */
  readonly reservations: readonly Json[];
  /**
   * The storage metrics ListMetrics also knows (OpenSearch FreeStorageSpace, CWAgent disk_used_percent;
   * RDS FreeStorageSpace and FreeLocalStorage are served for every DB instance), each with its hourly
   * value now and its change a day.
   */
  readonly storageMetrics: readonly {
    readonly metric: Json;
    readonly now: number;
    readonly perDay: number;
  }[];
  /** ECS cluster ARNs. */
  readonly ecsClusters: readonly string[];
  /** DescribeServices' entries (each names its clusterArn and taskDefinition). */
  readonly ecsServices: readonly Json[];
  /** DescribeTaskDefinition's taskDefinition by ARN; a few are shared by several services. */
  readonly taskDefinitions: ReadonlyMap<string, Json>;
  /** ListServiceQuotas' entries by service code. */
  readonly quotas: ReadonlyMap<string, readonly Json[]>;
  /** The per-minute datapoints of each usage metric, keyed by {@link usageKey}. */
  readonly usage: ReadonlyMap<string, readonly number[]>;
  /** The ECR registry (enhanced scanning): repositories, their images, and the release's images. */
  readonly registry: SyntheticRegistry;
  /** Deployment groups, ECS services, `live` aliases, Automation runs. */
  readonly deploys: SyntheticDeploys;
  /** REST and HTTP APIs, their stages, usage plans and the stages' web ACLs. */
  readonly apis: SyntheticApis;
  /** ListBuckets' buckets (every region) and each one's CORS rules. */
  readonly buckets: readonly SyntheticBucket[];
  /** The network: interfaces in use (EC2's wire names), each group's rules, each VPC's flow logs. */
  readonly network: SyntheticNetwork;
}

export interface SyntheticNetwork {
  readonly interfaces: readonly Json[];
  readonly rules: readonly Json[];
  readonly flowLogs: readonly Json[];
}

/** The service codes the resource-limits check lists by default. */
export const QUOTA_SERVICE_CODES = ['lambda', 'ecs', 'fargate', 'ec2', 'elasticloadbalancing', 'vpc'];

/** One usage metric's key: namespace, name and sorted dimensions. */
export function usageKey(
  namespace: string,
  name: string,
  dimensions: Readonly<Record<string, string>>,
): string {
  const dims = Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([namespace, name, dims]);
}

/** One image of a repository, with Inspector's active findings (those of the release only). */
export interface SyntheticImage {
  readonly repository: string;
  readonly digest: string;
  readonly detail: Json;
  readonly findings: readonly Json[];
}

export interface SyntheticRegistry {
  readonly repositories: readonly Json[];
  /** Every image, by repository. */
  readonly images: ReadonlyMap<string, readonly SyntheticImage[]>;
  /** The release: references of images of these repositories, pinned by digest. */
  readonly release: readonly string[];
}

/** Other images in each repository of the release (older builds). */
export const IMAGES_PER_REPOSITORY = 300;
/** The release's images share repositories two by two (a service and its sidecar build). */
const RELEASE_IMAGES_PER_REPOSITORY = 2;

export interface SyntheticLogGroup {
  /** DescribeLogGroups' entry. */
  readonly group: Json;
  /** Its streams (DescribeLogStreams' entries), times in epoch milliseconds as Logs sends them. */
  readonly streams: readonly Json[];
}

/** The key metrics the audit is configured with (checks.metrics-collection.metrics). */
export const KEY_METRICS = Array.from({ length: 20 }, (_, i) => ({
  namespace: 'AWS/ApplicationELB',
  metricName: 'RequestCount',
  dimensions: { LoadBalancer: `app/svc-${i}/lb` },
}));
/** Key metrics whose services stopped publishing. */
const STOPPED = new Set(['app/svc-1/lb', 'app/svc-7/lb']);

const TEAMS = ['orders', 'billing', 'search', 'identity', 'catalog', 'payments', 'shipping', 'reviews'];
const ENVS = ['prod', 'staging'];
const PARAMETER_NAMES = [
  'db-password',
  'api-key',
  'endpoint-url',
  'feature-flags',
  'oauth-token',
  'log-level',
];

function secrets(random: () => number, count: number): Json[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(random, ENVS)}/${pick(random, TEAMS)}/secret-${i}`;
    const rotated = random() < 0.7;
    const lastRotated = ago(random() * 120 * DAY);
    return {
      ARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:${name}-AbC${i}`,
      Name: name,
      ...(random() < 0.8 ? { KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/k-${i % 17}` } : {}),
      RotationEnabled: rotated,
      ...(rotated
        ? {
            RotationRules: { AutomaticallyAfterDays: pick(random, [30, 60, 90]) },
            LastRotatedDate: lastRotated,
            NextRotationDate: ahead(random() * 30 * DAY),
          }
        : {}),
      LastChangedDate: lastRotated,
      CreatedDate: ago((200 + random() * 600) * DAY),
      Tags: [{ Key: 'team', Value: pick(random, TEAMS) }],
      SecretVersionsToStages: { [`v-${i}`]: ['AWSCURRENT'] },
    };
  });
}

function certificates(random: () => number, count: number): SyntheticCertificate[] {
  return Array.from({ length: count }, (_, i) => {
    const imported = random() < 0.2;
    // 395-day certificates at a uniformly random point of their life: about 15% in the renewal window.
    const notAfter = ahead((random() * 395 - (random() < 0.01 ? 30 : 0)) * DAY);
    const notBefore = new Date(notAfter.getTime() - 395 * DAY);
    const status = notAfter < NOW ? 'EXPIRED' : 'ISSUED';
    const arn = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/${i.toString(16).padStart(8, '0')}-cert`;
    const inWindow = notAfter.getTime() - NOW.getTime() <= 60 * DAY;
    return {
      summary: {
        CertificateArn: arn,
        DomainName: `${pick(random, TEAMS)}-${i}.example.com`,
        Type: imported ? 'IMPORTED' : 'AMAZON_ISSUED',
        Status: status,
        InUse: random() < 0.85,
        KeyAlgorithm: random() < 0.02 ? 'RSA_1024' : pick(random, ['RSA_2048', 'EC_prime256v1']),
        RenewalEligibility: imported ? 'INELIGIBLE' : 'ELIGIBLE',
        NotBefore: notBefore,
        NotAfter: notAfter,
      },
      renewal:
        !imported && inWindow
          ? {
              RenewalStatus: random() < 0.9 ? 'SUCCESS' : 'PENDING_VALIDATION',
              UpdatedAt: ago(random() * 5 * DAY),
            }
          : undefined,
    };
  });
}

function topicArn(i: number): string {
  return `arn:aws:sns:${REGION}:${ACCOUNT_ID}:alerts-${i}`;
}

function topics(random: () => number, count: number): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < count; i += 1) {
    const subscriptions = Math.floor(random() * 4);
    map.set(
      topicArn(i),
      Array.from({ length: subscriptions }, (_, s) =>
        random() < 0.1 ? 'PendingConfirmation' : `${topicArn(i)}:sub-${s}`,
      ),
    );
  }
  return map;
}

function alarms(random: () => number, count: number, topicCount: number): Json[] {
  return Array.from({ length: count }, (_, i) => {
    // One alarm in 200 targets a topic that was deleted (index past the last topic).
    const topic = topicArn(random() < 0.005 ? topicCount + (i % 3) : Math.floor(random() * topicCount));
    const name = `${pick(random, TEAMS)}-${pick(random, ['5xx', 'latency', 'cpu', 'queue-depth'])}-${i}`;
    return {
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${name}`,
      ActionsEnabled: random() < 0.97,
      AlarmActions: [topic],
      OKActions: [],
      InsufficientDataActions: [],
      StateValue: random() < 0.9 ? 'OK' : pick(random, ['ALARM', 'INSUFFICIENT_DATA']),
      StateReason: 'Threshold Crossed',
      StateUpdatedTimestamp: ago(random() * 10 * DAY),
      StateTransitionedTimestamp: ago(random() * 10 * DAY),
      MetricName: 'HTTPCode_Target_5XX_Count',
      Namespace: 'AWS/ApplicationELB',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'LoadBalancer', Value: `app/${name}/abc` }],
      Period: 60,
      EvaluationPeriods: 5,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: pick(random, ['missing', 'notBreaching', 'breaching']),
    };
  });
}

interface Databases {
  rdsInstances: Json[];
  rdsClusters: Json[];
  tables: Map<string, Json>;
  protectedResources: Json[];
  backupJobs: Json[];
  restoreJobs: Json[];
}

function databases(random: () => number, size: AccountSize): Databases {
  const rdsInstances = Array.from({ length: size.rdsInstances }, (_, i) => {
    const id = `${pick(random, TEAMS)}-db-${i}`;
    return {
      DBInstanceIdentifier: id,
      DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT_ID}:db:${id}`,
      Engine: pick(random, ['postgres', 'mysql']),
      DBInstanceStatus: 'available',
      BackupRetentionPeriod: random() < 0.9 ? 7 : 0,
      LatestRestorableTime: ago(random() * 10 * 60_000),
    };
  });
  const rdsClusters = Array.from({ length: size.rdsClusters }, (_, i) => {
    const id = `${pick(random, TEAMS)}-cluster-${i}`;
    return {
      DBClusterIdentifier: id,
      DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT_ID}:cluster:${id}`,
      Engine: 'aurora-postgresql',
      Status: 'available',
      BackupRetentionPeriod: 14,
      LatestRestorableTime: ago(random() * 10 * 60_000),
    };
  });
  const tables = new Map<string, Json>();
  for (let i = 0; i < size.dynamoTables; i += 1) {
    const enabled = random() < 0.85;
    tables.set(`${pick(random, TEAMS)}-table-${i}`, {
      PointInTimeRecoveryStatus: enabled ? 'ENABLED' : 'DISABLED',
      ...(enabled
        ? {
            RecoveryPeriodInDays: 35,
            EarliestRestorableDateTime: ago(35 * DAY),
            LatestRestorableDateTime: ago(5 * 60_000),
          }
        : {}),
    });
  }
  const arns = [
    ...rdsInstances.map((db) => ({ arn: db.DBInstanceArn, type: 'RDS' })),
    ...rdsClusters.map((db) => ({ arn: db.DBClusterArn, type: 'Aurora' })),
    ...[...tables.keys()].map((name) => ({
      arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${name}`,
      type: 'DynamoDB',
    })),
  ];
  const protectedDbs = arns.filter(() => random() < 0.9);
  const protectedResources = protectedDbs.map(({ arn, type }) => ({
    ResourceArn: arn,
    ResourceType: type,
    LastBackupTime: ago(random() * 30 * HOUR),
  }));
  // Recovery points of the last day: one job per protected database, a few failed.
  const backupJobs = protectedDbs.map(({ arn, type }, i) => {
    const created = ago(random() * 23 * HOUR);
    const failed = random() < 0.03;
    return {
      BackupJobId: `job-${i}`,
      ResourceArn: arn,
      ResourceType: type,
      State: failed ? 'FAILED' : 'COMPLETED',
      ...(failed ? { StatusMessage: 'Insufficient privileges' } : {}),
      CreationDate: created,
      CompletionDate: new Date(created.getTime() + 20 * 60_000),
    };
  });
  const restoreJobs = protectedDbs
    .filter(() => random() < 0.3)
    .map(({ arn }, i) => {
      const created = ago(random() * 29 * DAY);
      return {
        RestoreJobId: `restore-${i}`,
        SourceResourceArn: arn,
        Status: 'COMPLETED',
        CreationDate: created,
        CompletionDate: new Date(created.getTime() + HOUR),
        ValidationStatus: 'SUCCESSFUL',
        CreatedBy: {
          RestoreTestingPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT_ID}:restore-testing-plan:weekly`,
        },
      };
    });
  return { rdsInstances, rdsClusters, tables, protectedResources, backupJobs, restoreJobs };
}

function parameters(random: () => number, count: number): Json[] {
  return Array.from({ length: count }, (_, i) => {
    const type = pick(random, ['String', 'SecureString', 'SecureString', 'StringList']);
    const name = `/${pick(random, ENVS)}/${pick(random, TEAMS)}/${pick(random, PARAMETER_NAMES)}-${i}`;
    return {
      Name: name,
      ARN: `arn:aws:ssm:${REGION}:${ACCOUNT_ID}:parameter${name}`,
      Type: type,
      ...(type === 'SecureString'
        ? { KeyId: random() < 0.7 ? 'alias/aws/ssm' : `alias/${pick(random, TEAMS)}` }
        : {}),
      LastModifiedDate: ago(random() * 400 * DAY),
      Version: 1,
    };
  });
}

function users(random: () => number, count: number): SyntheticUser[] {
  return Array.from({ length: count }, (_, i) => {
    const userName = `svc-${pick(random, TEAMS)}-${i}`;
    const keyCount = random() < 0.2 ? 0 : random() < 0.8 ? 1 : 2;
    return {
      user: {
        Path: '/',
        UserName: userName,
        UserId: `AIDA${i.toString().padStart(16, '0')}`,
        Arn: `arn:aws:iam::${ACCOUNT_ID}:user/${userName}`,
        CreateDate: ago(800 * DAY),
      },
      keys: Array.from({ length: keyCount }, (_, k) => ({
        metadata: {
          UserName: userName,
          AccessKeyId: `AKIA${i.toString().padStart(12, '0')}${k}XYZ`,
          Status: random() < 0.9 ? 'Active' : 'Inactive',
          CreateDate: ago(random() * 200 * DAY),
        },
        lastUsed:
          random() < 0.8
            ? { LastUsedDate: ago(random() * 60 * DAY), ServiceName: 's3', Region: REGION }
            : { ServiceName: 'N/A', Region: 'N/A' },
      })),
    };
  });
}

function logGroups(random: () => number, count: number): SyntheticLogGroup[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `/aws/${pick(random, ['lambda', 'ecs', 'rds'])}/${pick(random, TEAMS)}-${i}`;
    // Most groups are busy; a few went quiet hours or days ago.
    const quietMs = random() < 0.9 ? random() * 10 * 60_000 : random() * 5 * DAY;
    const streams = Array.from({ length: 1 + Math.floor(random() * 300) }, (_, k) => {
      const last = NOW.getTime() - quietMs - k * random() * HOUR;
      return {
        logStreamName: `stream-${k.toString().padStart(4, '0')}-${Math.floor(random() * 1e6)}`,
        creationTime: last - DAY,
        firstEventTimestamp: last - DAY,
        lastEventTimestamp: last,
        lastIngestionTime: last + 2000,
        storedBytes: 0,
      };
    });
    return {
      group: {
        logGroupName: name,
        arn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${name}:*`,
        logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${name}`,
        creationTime: NOW.getTime() - 300 * DAY,
        ...(random() < 0.8 ? { retentionInDays: pick(random, [7, 30, 90, 365]) } : {}),
      },
      streams,
    };
  });
}

function metrics(random: () => number, count: number) {
  const keys = KEY_METRICS.map((k) => ({
    metric: {
      Namespace: k.namespace,
      MetricName: k.metricName,
      Dimensions: Object.entries(k.dimensions).map(([Name, Value]) => ({ Name, Value })),
    },
    active: !STOPPED.has(k.dimensions.LoadBalancer),
  }));
  const others = Array.from({ length: Math.max(0, count - keys.length) }, (_, i) => ({
    metric: {
      Namespace: pick(random, ['AWS/ApplicationELB', 'AWS/Lambda', 'AWS/RDS']),
      MetricName: pick(random, ['RequestCount', 'Errors', 'Duration', 'CPUUtilization']),
      Dimensions: [{ Name: 'Resource', Value: `r-${i}` }],
    },
    active: random() < 0.7,
  }));
  return [...keys, ...others];
}

function functions(random: () => number, count: number): Json[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(random, TEAMS)}-${pick(random, ENVS)}-fn-${i}`;
    // Settings follow the index, not the random stream, so the other resources stay as they were.
    return {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`,
      Runtime: 'nodejs22.x',
      MemorySize: i % 13 === 0 ? 128 : 512,
      Timeout: i % 17 === 0 ? 3 : i % 29 === 0 ? 900 : 30,
      TracingConfig: { Mode: random() < 0.6 ? 'Active' : 'PassThrough' },
      Environment: {
        Variables: {
          LOG_LEVEL: 'info',
          TABLE_NAME: `${name}-table`,
          ...(i % 25 === 0 ? { DB_PASSWORD: `pw-${i}-not-a-real-one` } : {}),
        },
      },
    };
  });
}

interface Ecs {
  readonly ecsClusters: string[];
  readonly ecsServices: Json[];
  readonly taskDefinitions: Map<string, Json>;
}

/** Clusters, services and their task definitions; one service in ten shares its neighbour's. */
function ecs(
  random: () => number,
  size: AccountSize,
  secretArns: readonly string[],
  parameterNames: readonly string[],
): Ecs {
  const clusterArn = (c: number) => `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:cluster/cluster-${c}`;
  const ecsClusters = Array.from({ length: size.ecsClusters }, (_, c) => clusterArn(c));
  const taskDefinitions = new Map<string, Json>();
  const ecsServices = Array.from({ length: size.ecsServices }, (_, i) => {
    const name = `${pick(random, TEAMS)}-svc-${i}`;
    const cluster = clusterArn(i % size.ecsClusters);
    const shared = i > 0 && random() < 0.1;
    const family = shared ? `family-${i - 1}` : `family-${i}`;
    const arn = `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:task-definition/${family}:3`;
    if (!taskDefinitions.has(arn)) {
      const fargate = random() < 0.7;
      const bounded = random() < 0.85;
      const secret = pick(random, secretArns);
      const missing = random() < 0.05;
      taskDefinitions.set(arn, {
        taskDefinitionArn: arn,
        family,
        revision: 3,
        requiresCompatibilities: [fargate ? 'FARGATE' : 'EC2'],
        ...(fargate ? { cpu: '512', memory: '1024' } : {}),
        containerDefinitions: [
          {
            name: 'app',
            ...(fargate || bounded ? { cpu: 256, memory: 512 } : { cpu: 256 }),
            environment: [
              { name: 'PORT', value: '8080' },
              ...(random() < 0.04 ? [{ name: 'API_KEY', value: `key-${i}-in-plain-text` }] : []),
            ],
            secrets: [
              { name: 'DB', valueFrom: missing ? `${secret.slice(0, -4)}gone` : secret },
              { name: 'FLAGS', valueFrom: pick(random, parameterNames) },
            ],
          },
        ],
      });
    }
    return {
      serviceArn: `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:service/cluster-${i % size.ecsClusters}/${name}`,
      serviceName: name,
      clusterArn: cluster,
      taskDefinition: arn,
      status: 'ACTIVE',
    };
  });
  return { ecsClusters, ecsServices, taskDefinitions };
}

const QUOTA_NAMES = ['resource count', 'concurrent executions', 'vCPU count', 'rules per group', 'requests'];

/** Each code's applied quotas, 40% with a usage metric; usage mostly low, a few near or over the limits. */
function quotas(random: () => number, perCode: number) {
  const byCode = new Map<string, Json[]>();
  const usage = new Map<string, number[]>();
  for (const code of QUOTA_SERVICE_CODES) {
    byCode.set(
      code,
      Array.from({ length: perCode }, (_, i) => {
        const quotaCode = `L-${code.toUpperCase().slice(0, 3)}${i.toString().padStart(5, '0')}`;
        const value = pick(random, [5, 50, 200, 1000, 5000]);
        const measured = random() < 0.4;
        const dimensions = { Service: code, Resource: quotaCode, Type: 'Resource', Class: 'None' };
        if (measured) {
          const share = random() < 0.05 ? 0.8 + random() * 0.3 : random() * 0.7;
          const peak = Math.round(value * share);
          usage.set(
            usageKey('AWS/Usage', 'ResourceCount', dimensions),
            Array.from({ length: 60 }, (_, m) => (m === 30 ? peak : Math.floor(peak * 0.9))),
          );
        }
        return {
          ServiceCode: code,
          ServiceName: code,
          QuotaArn: `arn:aws:servicequotas:${REGION}:${ACCOUNT_ID}:${code}/${quotaCode}`,
          QuotaCode: quotaCode,
          QuotaName: `${code} ${pick(random, QUOTA_NAMES)} ${i}`,
          Value: value,
          Adjustable: true,
          GlobalQuota: false,
          ...(measured
            ? {
                UsageMetric: {
                  MetricNamespace: 'AWS/Usage',
                  MetricName: 'ResourceCount',
                  MetricDimensions: dimensions,
                  MetricStatisticRecommendation: 'Maximum',
                },
              }
            : {}),
        };
      }),
    );
  }
  return { quotas: byCode, usage };
}

function functionUrls(random: () => number, fns: readonly Json[]): Map<string, Json> {
  return new Map(
    fns
      .filter(() => random() < 0.15)
      .map((fn) => {
        const any = random() < 0.3;
        return [
          fn.FunctionName as string,
          {
            FunctionUrl: `https://${String(fn.FunctionName)}.lambda-url.${REGION}.on.aws/`,
            FunctionArn: fn.FunctionArn,
            AuthType: any ? 'NONE' : 'AWS_IAM',
            Cors: {
              AllowOrigins: any ? ['*'] : ['https://app.example.com'],
              AllowCredentials: random() < 0.5,
            },
            CreationTime: '2026-01-01T00:00:00Z',
            LastModifiedTime: '2026-01-01T00:00:00Z',
          },
        ];
      }),
  );
}

function stateMachines(random: () => number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(random, TEAMS)}-flow-${i}`;
    return {
      summary: {
        name,
        stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${name}`,
        type: random() < 0.8 ? 'STANDARD' : 'EXPRESS',
        creationDate: ago(100 * DAY),
      },
      traced: random() < 0.5,
    };
  });
}

function targetGroups(random: () => number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(random, TEAMS)}-tg-${i}`;
    const health = Array.from({ length: Math.floor(random() * 6) }, (_, k) => {
      const state = random() < 0.9 ? 'healthy' : pick(random, ['unhealthy', 'initial', 'draining']);
      return {
        Target: { Id: `i-${i.toString(16).padStart(8, '0')}${k}`, Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: { State: state, ...(state === 'unhealthy' ? { Reason: 'Target.Timeout' } : {}) },
      };
    });
    return {
      group: {
        TargetGroupName: name,
        TargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:targetgroup/${name}/${i.toString(16).padStart(16, '0')}`,
        Protocol: 'HTTP',
        Port: 8080,
        HealthCheckEnabled: random() < 0.95,
        HealthCheckProtocol: 'HTTP',
        HealthCheckPath: random() < 0.7 ? '/health' : '/',
        HealthCheckIntervalSeconds: pick(random, [10, 15, 30, 60]),
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 3,
        UnhealthyThresholdCount: pick(random, [2, 3, 5]),
        TargetType: 'instance',
        LoadBalancerArns:
          random() < 0.9
            ? [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/lb-${i}/x`]
            : [],
      },
      health,
    };
  });
}

function loadBalancers(random: () => number, groups: ReturnType<typeof targetGroups>) {
  return groups.flatMap(({ group }) =>
    (group.LoadBalancerArns as string[]).map((arn) => {
      const name = arn.split('/')[2] ?? '';
      const visibility = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name };
      const rate = random() < 0.6;
      return {
        balancer: {
          LoadBalancerName: name,
          LoadBalancerArn: arn,
          Type: random() < 0.9 ? 'application' : 'network',
          Scheme: random() < 0.7 ? 'internet-facing' : 'internal',
        },
        ...(random() < 0.8
          ? {
              webAcl: {
                Name: `${name}-acl`,
                Id: name,
                ARN: `arn:aws:wafv2:${REGION}:${ACCOUNT_ID}:regional/webacl/${name}-acl/${name}`,
                DefaultAction: { Allow: {} },
                VisibilityConfig: visibility,
                Rules: rate
                  ? [
                      {
                        Name: 'per-ip',
                        Priority: 0,
                        Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
                        Action: random() < 0.8 ? { Block: {} } : { Count: {} },
                        VisibilityConfig: visibility,
                      },
                    ]
                  : [],
              },
            }
          : {}),
      };
    }),
  );
}

/** Scalable targets of the three namespaces, most with a target tracking policy or two. */
function scaling(random: () => number, targets: number, groups: number) {
  const scalableTargets: Json[] = [];
  const scalingPolicies: Json[] = [];
  for (let i = 0; i < targets; i += 1) {
    const kind = pick(random, ['ecs', 'dynamodb-read', 'dynamodb-write', 'rds'] as const);
    const namespace = kind.startsWith('dynamodb') ? 'dynamodb' : kind;
    const [ResourceId, ScalableDimension] =
      kind === 'ecs'
        ? [`service/cluster-${i % 7}/svc-${i}`, 'ecs:service:DesiredCount']
        : kind === 'rds'
          ? [`cluster:aurora-${i}`, 'rds:cluster:ReadReplicaCount']
          : [
              `table/table-${i}`,
              `dynamodb:table:${kind === 'dynamodb-read' ? 'Read' : 'Write'}CapacityUnits`,
            ];
    const min = pick(random, [1, 2, 2, 3]);
    scalableTargets.push({
      ServiceNamespace: namespace,
      ResourceId,
      ScalableDimension,
      MinCapacity: min,
      MaxCapacity: random() < 0.05 ? min : min + pick(random, [2, 5, 10]),
      RoleARN: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/autoscaling`,
      CreationTime: ago(90 * DAY),
      ...(random() < 0.05 ? { SuspendedState: { DynamicScalingOutSuspended: true } } : {}),
    });
    const policies = random() < 0.85 ? pick(random, [1, 1, 2]) : 0;
    for (let k = 0; k < policies; k += 1) {
      scalingPolicies.push({
        PolicyARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT_ID}:scalingPolicy:${i}-${k}`,
        PolicyName: `policy-${i}-${k}`,
        ServiceNamespace: namespace,
        ResourceId,
        ScalableDimension,
        PolicyType: 'TargetTrackingScaling',
        CreationTime: ago(90 * DAY),
      });
    }
  }
  const autoScalingGroups: Json[] = [];
  const groupPolicies: Json[] = [];
  for (let i = 0; i < groups; i += 1) {
    const name = `${pick(random, TEAMS)}-asg-${i}`;
    const min = pick(random, [1, 2, 2, 3]);
    const max = min + pick(random, [0, 2, 4, 8]);
    autoScalingGroups.push({
      AutoScalingGroupName: name,
      AutoScalingGroupARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT_ID}:autoScalingGroup:${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000:autoScalingGroupName/${name}`,
      MinSize: min,
      MaxSize: max,
      DesiredCapacity: min + Math.floor(random() * (max - min + 1)),
      DefaultCooldown: 300,
      AvailabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'].slice(0, pick(random, [1, 2, 3, 3])),
      HealthCheckType: 'ELB',
      CreatedTime: ago(90 * DAY),
      ...(random() < 0.05
        ? { SuspendedProcesses: [{ ProcessName: 'Launch', SuspensionReason: 'user' }] }
        : {}),
    });
    const policies = random() < 0.8 ? pick(random, [1, 1, 2]) : 0;
    for (let k = 0; k < policies; k += 1) {
      groupPolicies.push({
        AutoScalingGroupName: name,
        PolicyName: `${name}-policy-${k}`,
        PolicyARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT_ID}:scalingPolicy:${i}-${k}`,
        PolicyType: 'TargetTrackingScaling',
        Enabled: random() < 0.95,
      });
    }
  }
  return { scalableTargets, scalingPolicies, autoScalingGroups, groupPolicies };
}

/** Running instances, 3 in 4 with the CloudWatch agent's disk metrics, and OpenSearch domains. */
function storage(random: () => number, instances: number, domains: number) {
  const reservations: Json[] = [];
  const storageMetrics: { metric: Json; now: number; perDay: number }[] = [];
  const disk = (instanceId: string, path: string) => ({
    metric: {
      Namespace: 'CWAgent',
      MetricName: 'disk_used_percent',
      Dimensions: [
        { Name: 'InstanceId', Value: instanceId },
        { Name: 'path', Value: path },
        { Name: 'device', Value: 'nvme0n1p1' },
        { Name: 'fstype', Value: 'xfs' },
      ],
    },
    now: 20 + Math.floor(random() * 78),
    perDay: pick(random, [0, 0, 0.2, 0.5, 2, -0.3]),
  });
  for (let i = 0; i < instances; i += 1) {
    const InstanceId = `i-${i.toString(16).padStart(17, '0')}`;
    reservations.push({
      reservationId: `r-${i.toString(16).padStart(17, '0')}`,
      ownerId: ACCOUNT_ID,
      instancesSet: [
        {
          instanceId: InstanceId,
          instanceType: 'm7g.large',
          instanceState: { code: 16, name: 'running' },
          tagSet: [{ key: 'Name', value: `${pick(random, TEAMS)}-host-${i}` }],
        },
      ],
    });
    if (random() < 0.75) {
      storageMetrics.push(disk(InstanceId, '/'));
      if (random() < 0.3) storageMetrics.push(disk(InstanceId, '/data'));
    }
  }
  for (let i = 0; i < domains; i += 1) {
    storageMetrics.push({
      metric: {
        Namespace: 'AWS/ES',
        MetricName: 'FreeStorageSpace',
        Dimensions: [
          { Name: 'DomainName', Value: `search-${i}` },
          { Name: 'ClientId', Value: ACCOUNT_ID },
        ],
      },
      now: 2048 + Math.floor(random() * 200_000),
      perDay: pick(random, [0, -100, -1000, -5000]),
    });
  }
  return { reservations, storageMetrics };
}

const hex64 = (random: () => number) =>
  Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('');

/**
 * Repositories of the release (half tag-immutable), each with older images; the release's images
 * carry 0-300 active findings of every severity (Inspector pages them 100 at a time).
 */
function registry(random: () => number, releaseImages: number): SyntheticRegistry {
  const repositories: Json[] = [];
  const images = new Map<string, SyntheticImage[]>();
  const release: string[] = [];
  const count = Math.ceil(releaseImages / RELEASE_IMAGES_PER_REPOSITORY);
  for (let r = 0; r < count; r += 1) {
    const name = `${pick(random, TEAMS)}/service-${r}`;
    repositories.push({
      repositoryName: name,
      repositoryArn: `arn:aws:ecr:${REGION}:${ACCOUNT_ID}:repository/${name}`,
      registryId: ACCOUNT_ID,
      imageTagMutability: random() < 0.5 ? 'IMMUTABLE' : 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: false },
    });
    const list: SyntheticImage[] = Array.from({ length: IMAGES_PER_REPOSITORY }, (_, i) => {
      const digest = `sha256:${hex64(random)}`;
      return {
        repository: name,
        digest,
        detail: {
          registryId: ACCOUNT_ID,
          repositoryName: name,
          imageDigest: digest,
          imageTags: [`1.${i}.0`],
          imagePushedAt: new Date(NOW.getTime() - (IMAGES_PER_REPOSITORY - i) * 86_400_000),
        },
        findings: [],
      };
    });
    const inRelease = Math.min(RELEASE_IMAGES_PER_REPOSITORY, releaseImages - release.length);
    for (let k = 0; k < inRelease; k += 1) {
      const index = list.length - 1 - k;
      const image = list[index] as SyntheticImage;
      const findings = Array.from({ length: Math.floor(random() * 301) }, (_, f) => {
        const id = `CVE-2026-${10000 + f}`;
        return {
          findingArn: `arn:aws:inspector2:${REGION}:${ACCOUNT_ID}:finding/${image.digest.slice(7, 39)}${f}`,
          awsAccountId: ACCOUNT_ID,
          type: 'PACKAGE_VULNERABILITY',
          description: id,
          severity: pick(random, ['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL', 'UNTRIAGED']),
          status: 'ACTIVE',
          firstObservedAt: NOW,
          lastObservedAt: NOW,
          updatedAt: NOW,
          remediation: {},
          resources: [],
          packageVulnerabilityDetails: {
            vulnerabilityId: id,
            source: 'NVD',
            vulnerablePackages: [{ name: `lib-${f % 40}`, version: '1.0.0', fixedInVersion: '1.0.1' }],
          },
        };
      });
      list[index] = { ...image, findings };
      release.push(`${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/${name}@${image.digest}`);
    }
    images.set(name, list);
  }
  return { repositories, images, release };
}

/**
 * Two nodes per load balancer (with a public IP when internet-facing) and one interface per tenth
 * function, in eight VPCs; each interface's group allows 443 from anywhere, a few also SSH; most VPCs
 * log all traffic.
 */
function network(
  random: () => number,
  balancers: ReturnType<typeof loadBalancers>,
  fns: readonly Json[],
): SyntheticNetwork {
  const vpcs = Array.from({ length: 8 }, (_, i) => `vpc-${i.toString(16).padStart(17, '0')}`);
  const owners = [
    ...balancers.flatMap(({ balancer }) => {
      const id = String(balancer.LoadBalancerArn).split(':loadbalancer/')[1];
      const node = { description: `ELB ${id}`, publicIp: balancer.Scheme === 'internet-facing' };
      return [node, node];
    }),
    ...fns
      .filter((_, i) => i % 10 === 0)
      .map((fn) => ({
        description: `AWS Lambda VPC ENI-${fn.FunctionName}-2b7f5e7a-41b3-4e66-8e74-1c9e3d5ff9b6`,
        publicIp: false,
      })),
  ];
  const interfaces = owners.map((owner, i) => {
    const group = `sg-${Math.floor(i / 2)
      .toString(16)
      .padStart(17, '0')}`;
    return {
      networkInterfaceId: `eni-${i.toString(16).padStart(17, '0')}`,
      ownerId: ACCOUNT_ID,
      vpcId: pick(random, vpcs),
      description: owner.description,
      interfaceType: 'interface',
      status: 'in-use',
      groupSet: [{ groupId: group, groupName: group }],
      ...(owner.publicIp ? { association: { publicIp: `203.0.113.${i % 250}` } } : {}),
    };
  });
  const groups = [...new Set(interfaces.map((eni) => (eni.groupSet[0] as { groupId: string }).groupId))];
  const rules = groups.flatMap((groupId, g) => [
    {
      securityGroupRuleId: `sgr-${g}a`,
      groupId,
      isEgress: false,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    },
    {
      securityGroupRuleId: `sgr-${g}b`,
      groupId,
      isEgress: true,
      ipProtocol: '-1',
      fromPort: -1,
      toPort: -1,
      cidrIpv4: '0.0.0.0/0',
    },
    ...(random() < 0.1
      ? [
          {
            securityGroupRuleId: `sgr-${g}c`,
            groupId,
            isEgress: false,
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            cidrIpv4: '0.0.0.0/0',
          },
        ]
      : []),
  ]);
  const flowLogs = vpcs
    .filter(() => random() < 0.75)
    .map((vpc, i) => ({
      flowLogId: `fl-${i}`,
      resourceId: vpc,
      flowLogStatus: 'ACTIVE',
      trafficType: 'ALL',
      logDestinationType: 's3',
    }));
  return { interfaces, rules, flowLogs };
}

/** Builds the account for `size` from `seed`; the same inputs give the same account. */
export function syntheticAccount(size: AccountSize, seed = 7): SyntheticAccount {
  const random = seededRandom(seed);
  // Drawn apart from the rest, so the other resources stay the same as before target groups existed.
  const groups = targetGroups(seededRandom(seed + 1), size.targetGroups);
  const fns = functions(random, size.functions);
  const account = {
    size,
    secrets: secrets(random, size.secrets),
    certificates: certificates(random, size.certificates),
    topics: topics(random, size.topics),
    alarms: alarms(random, size.alarms, size.topics),
    ...databases(random, size),
    parameters: parameters(random, size.parameters),
    users: users(random, size.iamUsers),
    logGroups: logGroups(random, size.logGroups),
    metrics: metrics(random, size.metrics),
    functions: fns,
    functionUrls: functionUrls(seededRandom(seed + 2), fns),
    stateMachines: stateMachines(random, size.stateMachines),
    targetGroups: groups,
    loadBalancers: loadBalancers(random, groups),
    // Drawn apart from the rest, so the other resources stay the same as before.
    ...scaling(seededRandom(seed + 3), size.scalableTargets, size.autoScalingGroups),
    ...storage(seededRandom(seed + 4), size.ec2Instances, size.searchDomains),
  };
  return {
    ...account,
    // Drawn apart from the rest, so the other resources stay the same as before workloads existed.
    ...ecs(
      seededRandom(seed + 3),
      size,
      account.secrets.map((s) => s.ARN as string),
      account.parameters.map((p) => p.Name as string),
    ),
    ...quotas(seededRandom(seed + 4), size.quotasPerCode),
    // Drawn apart from the rest, so the other resources stay the same as before images existed.
    registry: registry(seededRandom(seed + 3), size.releaseImages),
    deploys: syntheticDeploys(
      size,
      fns,
      account.alarms.map((a) => a.AlarmName as string),
    ),
    // Drawn apart from the rest, so the other resources stay the same as before the network existed.
    network: network(seededRandom(seed + 3), account.loadBalancers, fns),
    // Drawn apart from the rest, so the other resources stay the same as before the APIs existed.
    apis: syntheticApis(seededRandom(seed + 5), size),
    // Drawn apart from the rest, so the other resources stay the same as before buckets existed.
    buckets: syntheticBuckets(seededRandom(seed + 5), size.s3Buckets, REGION),
  };
}
