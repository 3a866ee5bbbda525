import { pick, seededRandom } from '../support/random';

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
export interface AccountSize {
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
  /** The network: interfaces in use (EC2's wire names), each group's rules, each VPC's flow logs. */
  readonly network: SyntheticNetwork;
}

export interface SyntheticNetwork {
  readonly interfaces: readonly Json[];
  readonly rules: readonly Json[];
  readonly flowLogs: readonly Json[];
}

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
    return {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`,
      Runtime: 'nodejs22.x',
      MemorySize: 512,
      Timeout: 30,
      TracingConfig: { Mode: random() < 0.6 ? 'Active' : 'PassThrough' },
    };
  });
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
  };
  // Drawn apart from the rest, so the other resources stay the same as before the network existed.
  return { ...account, network: network(seededRandom(seed + 3), account.loadBalancers, fns) };
}
