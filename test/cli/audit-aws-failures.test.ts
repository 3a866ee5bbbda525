import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeAlarmsCommand, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeContinuousBackupsCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeFlowLogsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
} from '@aws-sdk/client-ec2';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { ListServiceQuotasCommand } from '@aws-sdk/client-service-quotas';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditChecksInProcess, defaultsConfigFile } from '../support/cli-in-process';

/*
 * `preflight audit` of the whole account when one AWS call of one family fails the way a real account
 * fails it: denied, throttled past the SDK's retries, or a 500. The checks that needed the call are
 * ERROR naming the call (its IAM action) and the failure, never PASS or SKIPPED; every other check
 * still reports, and the verdict is not a pass (exit 2).
 */

const ACCOUNT = '111122223333';
// Step Functions mocked here, before the healthy account, so a case can fail its listing.
const sfn = mockClient(SFNClient);
const account = stubHealthyAccount(new Date());
afterAll(() => {
  sfn.restore();
  account.restore();
});
const { mocks } = account;
const configFile = defaultsConfigFile();

/** Every check but the TLS and CORS families', which have their own tests of this. */
const CHECKS = [
  'database-backups',
  'secrets-rotation',
  'secrets-encryption',
  'ssm-secure-parameters',
  'iam-access-keys',
  'alarms',
  'log-delivery',
  'metrics-collection',
  'tracing',
  'load-balancer-health-checks',
  'rate-limiting',
  'auto-scaling-policies',
  'disk-space',
  'resource-limits',
  'environment-variables',
  'image-scans',
  'images-pushed',
  'deployment-strategy',
  'rollback-tested',
  'network-configuration',
];

const FAILURES = {
  denied: {
    error: () =>
      Object.assign(new Error('User: arn:aws:sts::111122223333:assumed-role/ci/x is not authorized'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 },
      }),
    says: 'was denied (AccessDeniedException)',
  },
  throttled: {
    error: () =>
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
        $retryable: { throttling: true },
      }),
    says: 'stayed throttled after retries (ThrottlingException)',
  },
  'a 500': {
    error: () =>
      Object.assign(new Error('We encountered an internal error'), {
        name: 'InternalFailure',
        $metadata: { httpStatusCode: 500 },
      }),
    says: 'failed (InternalFailure)',
  },
} as const;

/** family, the call that fails (stubbed on its client), its IAM action, the checks that need it. */
const CALLS: { family: string; action: string; fail: (error: Error) => void; checks: string[] }[] = [
  {
    family: 'backups',
    action: 'rds:DescribeDBInstances',
    fail: (e) => mocks.rds.on(DescribeDBInstancesCommand).rejects(e),
    checks: ['database-backups', 'disk-space'],
  },
  {
    family: 'backups',
    action: 'dynamodb:ListTables',
    fail: (e) => mocks.dynamodb.on(ListTablesCommand).rejects(e),
    checks: ['database-backups'],
  },
  {
    family: 'secrets',
    action: 'secretsmanager:ListSecrets',
    fail: (e) => mocks.secrets.on(ListSecretsCommand).rejects(e),
    checks: ['secrets-rotation', 'secrets-encryption'],
  },
  {
    family: 'secrets',
    action: 'ssm:DescribeParameters',
    fail: (e) => mocks.ssm.on(DescribeParametersCommand).rejects(e),
    checks: ['ssm-secure-parameters'],
  },
  {
    family: 'secrets',
    action: 'iam:ListUsers',
    fail: (e) => mocks.iam.on(ListUsersCommand).rejects(e),
    checks: ['iam-access-keys'],
  },
  {
    family: 'alarms',
    action: 'cloudwatch:DescribeAlarms',
    fail: (e) => mocks.cloudwatch.on(DescribeAlarmsCommand).rejects(e),
    checks: ['alarms'],
  },
  {
    family: 'alarms',
    action: 'sns:ListSubscriptionsByTopic',
    fail: (e) => mocks.sns.on(ListSubscriptionsByTopicCommand).rejects(e),
    checks: ['alarms'],
  },
  {
    family: 'observability',
    action: 'logs:DescribeLogGroups',
    fail: (e) => mocks.logs.on(DescribeLogGroupsCommand).rejects(e),
    checks: ['log-delivery'],
  },
  {
    family: 'storage',
    action: 'cloudwatch:ListMetrics',
    fail: (e) => mocks.cloudwatch.on(ListMetricsCommand).rejects(e),
    checks: ['disk-space'],
  },
  {
    family: 'tracing, workloads, deploys',
    action: 'lambda:ListFunctions',
    fail: (e) => mocks.lambda.on(ListFunctionsCommand).rejects(e),
    checks: ['tracing', 'resource-limits', 'environment-variables', 'deployment-strategy'],
  },
  {
    family: 'load-balancing',
    action: 'elasticloadbalancing:DescribeTargetGroups',
    fail: (e) => mocks.elb.on(DescribeTargetGroupsCommand).rejects(e),
    checks: ['load-balancer-health-checks'],
  },
  {
    family: 'rate-limiting',
    action: 'elasticloadbalancing:DescribeLoadBalancers',
    fail: (e) => mocks.elb.on(DescribeLoadBalancersCommand).rejects(e),
    checks: ['rate-limiting'],
  },
  {
    family: 'scaling',
    action: 'application-autoscaling:DescribeScalableTargets',
    fail: (e) => mocks.applicationAutoScaling.on(DescribeScalableTargetsCommand).rejects(e),
    checks: ['auto-scaling-policies'],
  },
  {
    family: 'scaling',
    action: 'autoscaling:DescribeAutoScalingGroups',
    fail: (e) => mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).rejects(e),
    checks: ['auto-scaling-policies'],
  },
  {
    family: 'workloads, deploys',
    action: 'ecs:ListClusters',
    fail: (e) => mocks.ecs.on(ListClustersCommand).rejects(e),
    checks: ['resource-limits', 'environment-variables', 'deployment-strategy'],
  },
  {
    family: 'workloads',
    action: 'servicequotas:ListServiceQuotas',
    fail: (e) => mocks.quotas.on(ListServiceQuotasCommand).rejects(e),
    checks: ['resource-limits'],
  },
  {
    family: 'tracing',
    action: 'states:ListStateMachines',
    fail: (e) => sfn.on(ListStateMachinesCommand).rejects(e),
    checks: ['tracing'],
  },
  {
    family: 'tracing, rate-limiting',
    action: 'apigateway:GET on /restapis',
    fail: (e) => mocks.restApis.on(GetRestApisCommand).rejects(e),
    checks: ['tracing', 'rate-limiting'],
  },
  {
    family: 'rate-limiting',
    action: 'cloudfront:ListDistributions',
    fail: (e) => mocks.cloudFront.on(ListDistributionsCommand).rejects(e),
    checks: ['rate-limiting'],
  },
  {
    family: 'network',
    action: 'ec2:DescribeNetworkInterfaces',
    fail: (e) => mocks.ec2.on(DescribeNetworkInterfacesCommand).rejects(e),
    checks: ['network-configuration'],
  },
];

// Each call fails one way (the three ways in turn); the first call fails all three ways.
const KINDS = Object.entries(FAILURES);
const CASES = CALLS.flatMap((call, index) =>
  (index === 0 ? KINDS : [KINDS[index % KINDS.length] as (typeof KINDS)[number]]).map(([kind, failure]) => ({
    ...call,
    kind,
    failure,
  })),
);

const audit = () => auditChecksInProcess(configFile, CHECKS.join(','));

beforeEach(() => {
  sfn.reset();
  sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
  account.install();
  account.pipelineCaller(ACCOUNT);
});

describe('preflight audit: one AWS call of one family fails', () => {
  it.each(CASES)('$family: $action $kind is an ERROR naming it; the other checks still report', async (c) => {
    c.fail(c.failure.error());
    const { code, report } = await audit();

    for (const check of c.checks) {
      const findings = report.findings.filter((f) => f.checkId === check);
      expect(findings.filter((f) => f.status === 'ERROR').map((f) => f.message)).toContainEqual(
        expect.stringContaining(`${c.action} ${c.failure.says}`),
      );
    }
    // The call's checks pass nothing on the strength of an answer they did not get.
    const touched = report.findings.filter(
      (f) => c.checks.includes(f.checkId) && f.message.includes(c.action),
    );
    expect(touched.every((f) => f.status === 'ERROR')).toBe(true);
    // One broken call hides no other check: every check reports, and only the call's checks are ERROR.
    expect(new Set(report.findings.map((f) => f.checkId))).toEqual(new Set(CHECKS));
    const erroring = new Set(report.findings.filter((f) => f.status === 'ERROR').map((f) => f.checkId));
    expect([...erroring].sort()).toEqual([...c.checks].sort());
    expect(report.verdict).toBe('ERROR');
    expect(code).toBe(2);
  });
});

const AT = `us-east-1:${ACCOUNT}`;
const denied = () => FAILURES.denied.error();
const TARGET_GROUP = `arn:aws:elasticloadbalancing:${AT}:targetgroup/web/1`;
const GROUP = `arn:aws:autoscaling:${AT}:autoScalingGroup:1:autoScalingGroupName/web`;
const interfaceIn = (groups: string[]) =>
  mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [
      {
        NetworkInterfaceId: 'eni-1',
        OwnerId: ACCOUNT,
        InterfaceType: 'lambda',
        VpcId: 'vpc-1',
        Status: 'in-use',
        Groups: groups.map((GroupId) => ({ GroupId })),
        Description: 'AWS Lambda VPC ENI-orders',
      },
    ],
  });

/** A call made for one resource fails: that resource's rule is ERROR, its other rules are still judged. */
const PER_RESOURCE: {
  family: string;
  check: string;
  action: string;
  arrange: () => void;
  resource: string;
  judged: string;
}[] = [
  {
    family: 'load-balancing',
    check: 'load-balancer-health-checks',
    action: 'elasticloadbalancing:DescribeTargetHealth',
    arrange: () => {
      mocks.elb.on(DescribeTargetGroupsCommand).resolves({
        TargetGroups: [
          {
            TargetGroupName: 'web',
            TargetGroupArn: TARGET_GROUP,
            HealthCheckEnabled: true,
            HealthCheckPath: '/health',
            HealthCheckProtocol: 'HTTP',
            HealthCheckIntervalSeconds: 10,
            HealthyThresholdCount: 3,
            UnhealthyThresholdCount: 2,
            Matcher: { HttpCode: '200' },
            TargetType: 'ip',
            Protocol: 'HTTP',
          },
        ],
      });
      mocks.elb.on(DescribeTargetHealthCommand).rejects(denied());
    },
    resource: TARGET_GROUP,
    judged: 'health-check',
  },
  {
    family: 'observability',
    check: 'log-delivery',
    action: 'logs:DescribeLogStreams',
    arrange: () => {
      mocks.logs.on(DescribeLogGroupsCommand).resolves({
        logGroups: [
          { logGroupName: '/app/web', arn: `arn:aws:logs:${AT}:log-group:/app/web:*`, retentionInDays: 30 },
        ],
      });
      mocks.logs.on(DescribeLogStreamsCommand).rejects(denied());
    },
    resource: `arn:aws:logs:${AT}:log-group:/app/web`,
    judged: 'retention',
  },
  {
    family: 'secrets',
    check: 'iam-access-keys',
    action: 'iam:GetAccessKeyLastUsed',
    arrange: () => {
      mocks.iam.on(ListUsersCommand).resolves({
        Users: [
          {
            UserName: 'ci',
            Arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
            UserId: 'U',
            Path: '/',
            CreateDate: account.days(-500),
          },
        ],
      });
      mocks.iam.on(ListAccessKeysCommand).resolves({
        AccessKeyMetadata: [
          { UserName: 'ci', AccessKeyId: 'AKIACI', Status: 'Active', CreateDate: account.days(-5) },
        ],
      });
      mocks.iam.on(GetAccessKeyLastUsedCommand).rejects(denied());
    },
    resource: `arn:aws:iam::${ACCOUNT}:user/ci/access-key/AKIACI`,
    judged: 'key-age',
  },
  {
    family: 'scaling',
    check: 'auto-scaling-policies',
    action: 'autoscaling:DescribePolicies',
    arrange: () => {
      mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
        AutoScalingGroups: [
          {
            AutoScalingGroupName: 'web',
            AutoScalingGroupARN: GROUP,
            MinSize: 2,
            MaxSize: 6,
            DesiredCapacity: 2,
            AvailabilityZones: ['us-east-1a', 'us-east-1b'],
            DefaultCooldown: 300,
            HealthCheckType: 'ELB',
            CreatedTime: account.days(-100),
          },
        ],
      });
      mocks.autoScaling.on(DescribePoliciesCommand).rejects(denied());
    },
    resource: GROUP,
    judged: 'minimum-capacity',
  },
  {
    family: 'scaling',
    check: 'auto-scaling-policies',
    action: 'application-autoscaling:DescribeScalingPolicies',
    arrange: () => {
      mocks.applicationAutoScaling
        .on(DescribeScalableTargetsCommand)
        .callsFake((input: { ServiceNamespace?: string }) => ({
          ScalableTargets:
            input.ServiceNamespace === 'ecs'
              ? [
                  {
                    ServiceNamespace: 'ecs',
                    ResourceId: 'service/prod/web',
                    ScalableDimension: 'ecs:service:DesiredCount',
                    MinCapacity: 2,
                    MaxCapacity: 6,
                    RoleARN: 'r',
                    CreationTime: account.days(-1),
                  },
                ]
              : [],
        }));
      mocks.applicationAutoScaling.on(DescribeScalingPoliciesCommand).rejects(denied());
    },
    resource: 'service/prod/web',
    judged: 'minimum-capacity',
  },
  {
    family: 'backups',
    check: 'database-backups',
    action: 'dynamodb:DescribeContinuousBackups',
    arrange: () => {
      mocks.dynamodb.on(ListTablesCommand).resolves({ TableNames: ['orders'] });
      mocks.dynamodb.on(DescribeContinuousBackupsCommand).rejects(denied());
    },
    resource: `arn:aws:dynamodb:${AT}:table/orders`,
    judged: 'restore-test',
  },
  {
    family: 'storage',
    check: 'disk-space',
    action: 'cloudwatch:GetMetricData',
    arrange: () => {
      mocks.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders',
            DBInstanceArn: `arn:aws:rds:${AT}:db:orders`,
            Engine: 'postgres',
            DBInstanceStatus: 'available',
            AllocatedStorage: 100,
          },
        ],
      });
      mocks.cloudwatch.on(GetMetricDataCommand).rejects(denied());
    },
    resource: `arn:aws:rds:${AT}:db:orders`,
    judged: '',
  },
  {
    family: 'network',
    check: 'network-configuration',
    action: 'ec2:DescribeSecurityGroupRules',
    arrange: () => {
      interfaceIn(['sg-1']);
      mocks.ec2.on(DescribeSecurityGroupRulesCommand).rejects(denied());
      mocks.ec2
        .on(DescribeFlowLogsCommand)
        .resolves({ FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', FlowLogStatus: 'ACTIVE' }] });
    },
    resource: `arn:aws:ec2:${AT}:security-group/sg-1`,
    judged: 'flow-logs',
  },
  {
    family: 'network',
    check: 'network-configuration',
    action: 'ec2:DescribeFlowLogs',
    arrange: () => {
      interfaceIn(['sg-1']);
      mocks.ec2.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: [] });
      mocks.ec2.on(DescribeFlowLogsCommand).rejects(denied());
    },
    resource: `arn:aws:ec2:${AT}:vpc/vpc-1`,
    judged: 'open-ingress',
  },
];

describe('preflight audit: a call made for one resource is denied', () => {
  it.each(PER_RESOURCE)(
    '$family: $action is an ERROR on that resource; the rest is still judged',
    async (c) => {
      c.arrange();
      const { code, report } = await audit();

      const own = report.findings.filter((f) => f.checkId === c.check);
      expect(
        own.filter((f) => f.resource === c.resource && f.status === 'ERROR').map((f) => f.message),
      ).toContainEqual(expect.stringContaining(`${c.action} was denied`));
      // Nothing judged on the missing answer passes.
      expect(own.filter((f) => f.message.includes(c.action)).every((f) => f.status === 'ERROR')).toBe(true);
      if (c.judged !== '') {
        expect(own.some((f) => f.rule === c.judged && f.status !== 'ERROR')).toBe(true);
      }
      expect(new Set(report.findings.map((f) => f.checkId))).toEqual(new Set(CHECKS));
      expect(code).toBe(2);
    },
  );
});
