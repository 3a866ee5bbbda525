import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeFlowLogsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeStateMachineCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { stubHealthyAccount, stubStateMachineListing } from '../support/account-stubs';
import { auditChecksInProcess, defaultsConfigFile, runCliInProcess } from '../support/cli-in-process';
import { listedResources } from '../support/listed-resources';

/*
 * `preflight audit --checks <check>` over an account of three resources where the middle one's answer
 * cannot be read: a field missing, a date that is none, or its own call denied. The two others are
 * still judged (the one found wanting still FAILs), the middle one is an ERROR naming it and what
 * could not be read, and the verdict is not PASS. One broken or hostile resource never blinds the
 * audit to the rest.
 */

const ACCOUNT = '111122223333';
const AT = `us-east-1:${ACCOUNT}`;
// Step Functions mocked here, before the healthy account, so that this file may list state machines.
const sfn = mockClient(SFNClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const s3 = mockClient(S3Client);
const waf = mockClient(WAFV2Client);
const account = stubHealthyAccount(new Date());
afterAll(() => {
  account.restore();
  for (const mock of [waf, s3, tagging, sfn]) mock.restore();
});
const { mocks, days } = account;
const configFile = defaultsConfigFile();

const parameter = (name: string, type?: string) => ({
  Name: `/prod/${name}`,
  ARN: `arn:aws:ssm:${AT}:parameter/prod/${name}`,
  ...(type === undefined ? {} : { Type: type }),
});
const { secret, user, alarm, database, fn, targetGroup, autoScalingGroup, logGroup } = listedResources({
  account: ACCOUNT,
  days,
});
const networkInterface = (id: string, group: string, fields: Record<string, unknown> = {}) => ({
  NetworkInterfaceId: id,
  OwnerId: ACCOUNT,
  InterfaceType: 'lambda',
  VpcId: 'vpc-1',
  Status: 'in-use',
  Groups: [{ GroupId: group }],
  Description: `AWS Lambda VPC ENI-${id}`,
  ...fields,
});
const certificate = (id: string, notAfter: unknown, type = 'AMAZON_ISSUED') => ({
  CertificateArn: `arn:aws:acm:${AT}:certificate/${id}`,
  DomainName: `${id}.example.com`,
  Type: type,
  Status: 'ISSUED',
  InUse: true,
  KeyAlgorithm: 'RSA_2048',
  NotAfter: notAfter,
});
const stateMachine = (name: string, fields: Record<string, unknown> = {}) => ({
  name,
  stateMachineArn: `arn:aws:states:${AT}:stateMachine:${name}`,
  type: 'STANDARD',
  creationDate: days(-30),
  ...fields,
});
const httpApi = (id: string, origins: string[], fields: Record<string, unknown> = {}) => ({
  ApiId: id,
  Name: `${id}-api`,
  ProtocolType: 'HTTP',
  CorsConfiguration: { AllowOrigins: origins, AllowCredentials: true, AllowMethods: ['GET'] },
  ...fields,
});
const restApi = (id: string, fields: Record<string, unknown> = {}) => ({ id, name: `${id}-api`, ...fields });
const scalableTarget = (name: string, min: number, max: number, fields: Record<string, unknown> = {}) => ({
  ServiceNamespace: 'ecs',
  ResourceId: `service/orders/${name}`,
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: min,
  MaxCapacity: max,
  RoleARN: `arn:aws:iam::${ACCOUNT}:role/scaling`,
  CreationTime: days(-30),
  ...fields,
});
const scalingPolicy = (name: string) => ({
  PolicyARN: `arn:aws:autoscaling:${AT}:scalingPolicy:1:resource/ecs/service/orders/${name}:policyName/cpu`,
  PolicyName: `cpu-${name}`,
  ServiceNamespace: 'ecs',
  ResourceId: `service/orders/${name}`,
  ScalableDimension: 'ecs:service:DesiredCount',
  PolicyType: 'TargetTrackingScaling',
  CreationTime: days(-30),
});
const cluster = (name: string, retention: number, fields: Record<string, unknown> = {}) => ({
  DBClusterIdentifier: name,
  DBClusterArn: `arn:aws:rds:${AT}:cluster:${name}`,
  Engine: 'aurora-postgresql',
  Status: 'available',
  BackupRetentionPeriod: retention,
  ...(retention > 0 ? { LatestRestorableTime: days(0) } : {}),
  ...fields,
});
const loadBalancer = (name: string, fields: Record<string, unknown> = {}) => ({
  LoadBalancerName: name,
  LoadBalancerArn: `arn:aws:elasticloadbalancing:${AT}:loadbalancer/app/${name}/1`,
  Type: 'application',
  Scheme: 'internet-facing',
  ...fields,
});
const rateLimitedAcl = {
  Name: 'edge',
  Id: '1',
  ARN: `arn:aws:wafv2:${AT}:regional/webacl/edge/1`,
  DefaultAction: { Allow: {} },
  VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'edge' },
  Rules: [
    {
      Name: 'per-ip',
      Priority: 0,
      Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
      Action: { Block: {} },
      VisibilityConfig: {
        SampledRequestsEnabled: true,
        CloudWatchMetricsEnabled: true,
        MetricName: 'per-ip',
      },
    },
  ],
};
const deniedError = () =>
  Object.assign(new Error('User is not authorized to perform this action'), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });

/**
 * The family, the check, the three resources (`ok` judged without fault, `broken` unreadable, `bad`
 * found wanting), what the ERROR on `broken` says, and the status `bad` is judged.
 */
const CASES: {
  family: string;
  check: string;
  arrange: () => void;
  ok: string;
  broken: string;
  says: string;
  bad: string;
  badStatus?: 'FAIL' | 'WARN';
}[] = [
  {
    family: 'secrets',
    check: 'secrets-rotation',
    arrange: () =>
      mocks.secrets.on(ListSecretsCommand).resolves({
        SecretList: [
          secret('ok', true),
          secret('broken', true, { LastRotatedDate: 'last tuesday' }),
          secret('bad', false),
        ] as never,
      }),
    ok: `arn:aws:secretsmanager:${AT}:secret:ok`,
    broken: `arn:aws:secretsmanager:${AT}:secret:broken`,
    says: 'secretsmanager:ListSecrets failed (MalformedDate): SecretListEntry.LastRotatedDate is not a date (got "last tuesday")',
    bad: `arn:aws:secretsmanager:${AT}:secret:bad`,
  },
  {
    family: 'secrets',
    check: 'ssm-secure-parameters',
    arrange: () =>
      mocks.ssm.on(DescribeParametersCommand).resolves({
        Parameters: [
          parameter('db-password', 'SecureString'),
          parameter('broken'),
          parameter('api-secret', 'String'),
        ] as never,
      }),
    ok: `arn:aws:ssm:${AT}:parameter/prod/db-password`,
    broken: `arn:aws:ssm:${AT}:parameter/prod/broken`,
    says: 'ssm:DescribeParameters failed (MissingField): response lacks ParameterMetadata.Type',
    bad: `arn:aws:ssm:${AT}:parameter/prod/api-secret`,
  },
  {
    family: 'secrets',
    check: 'iam-access-keys',
    arrange: () => {
      mocks.iam.on(ListUsersCommand).resolves({
        Users: [user('ok'), user('broken', { UserName: undefined }), user('bad')] as never,
      });
      mocks.iam.on(ListAccessKeysCommand).callsFake((input: { UserName: string }) => ({
        AccessKeyMetadata: [
          {
            UserName: input.UserName,
            AccessKeyId: `AKIA${input.UserName.toUpperCase()}`,
            Status: 'Active',
            CreateDate: input.UserName === 'bad' ? days(-400) : days(-5),
          },
        ],
      }));
      mocks.iam.on(GetAccessKeyLastUsedCommand).resolves({
        UserName: 'x',
        AccessKeyLastUsed: { LastUsedDate: days(-1), ServiceName: 's3', Region: 'us-east-1' },
      });
    },
    ok: `arn:aws:iam::${ACCOUNT}:user/ok/access-key/AKIAOK`,
    broken: `arn:aws:iam::${ACCOUNT}:user/broken`,
    says: 'iam:ListUsers failed (MissingField): response lacks User.UserName',
    bad: `arn:aws:iam::${ACCOUNT}:user/bad/access-key/AKIABAD`,
  },
  {
    family: 'alarms',
    check: 'alarms',
    arrange: () =>
      mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
        MetricAlarms: [
          alarm('ok', true),
          alarm('broken', true, { StateTransitionedTimestamp: 'soon' }),
          alarm('bad', false),
        ] as never,
        CompositeAlarms: [],
      }),
    ok: `arn:aws:cloudwatch:${AT}:alarm:ok`,
    broken: `arn:aws:cloudwatch:${AT}:alarm:broken`,
    says: 'cloudwatch:DescribeAlarms failed (MalformedDate): StateTransitionedTimestamp is not a date (got "soon")',
    bad: `arn:aws:cloudwatch:${AT}:alarm:bad`,
  },
  {
    family: 'backups',
    check: 'database-backups',
    arrange: () =>
      mocks.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          database('ok', 14),
          database('broken', 14, { LatestRestorableTime: 'garbage' }),
          database('bad', 0),
        ] as never,
      }),
    ok: `arn:aws:rds:${AT}:db:ok`,
    broken: `arn:aws:rds:${AT}:db:broken`,
    says: 'DBInstances[].LatestRestorableTime is not a date (got "garbage")',
    bad: `arn:aws:rds:${AT}:db:bad`,
  },
  {
    family: 'backups',
    check: 'database-backups',
    arrange: () =>
      mocks.rds.on(DescribeDBClustersCommand).resolves({
        DBClusters: [
          cluster('ok', 7),
          cluster('broken', 7, { LatestRestorableTime: 'yesterday' }),
          cluster('bad', 0),
        ] as never,
      }),
    ok: `arn:aws:rds:${AT}:cluster:ok`,
    broken: `arn:aws:rds:${AT}:cluster:broken`,
    says: 'rds:DescribeDBClusters failed (MalformedDate): DBClusters[].LatestRestorableTime is not a date (got "yesterday")',
    bad: `arn:aws:rds:${AT}:cluster:bad`,
  },
  {
    family: 'scaling',
    check: 'auto-scaling-policies',
    arrange: () => {
      const ecs = (namespace: string, answer: object, none: object) => (namespace === 'ecs' ? answer : none);
      mocks.applicationAutoScaling
        .on(DescribeScalableTargetsCommand)
        .callsFake((input: { ServiceNamespace: string }) =>
          ecs(
            input.ServiceNamespace,
            {
              ScalableTargets: [
                scalableTarget('ok', 2, 6),
                scalableTarget('broken', 2, 6, { MinCapacity: undefined }),
                scalableTarget('bad', 1, 1),
              ],
            },
            { ScalableTargets: [] },
          ),
        );
      mocks.applicationAutoScaling
        .on(DescribeScalingPoliciesCommand)
        .callsFake((input: { ServiceNamespace: string }) =>
          ecs(
            input.ServiceNamespace,
            { ScalingPolicies: ['ok', 'broken', 'bad'].map(scalingPolicy) },
            { ScalingPolicies: [] },
          ),
        );
    },
    ok: 'service/orders/ok',
    broken: 'service/orders/broken',
    says: 'application-autoscaling:DescribeScalableTargets failed (MissingField): response lacks ScalableTargets[].MinCapacity',
    bad: 'service/orders/bad',
  },
  {
    family: 'storage',
    check: 'disk-space',
    arrange: () =>
      mocks.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          database('ok', 7, { AllocatedStorage: 100 }),
          database('broken', 7, { Engine: undefined, AllocatedStorage: 100 }),
          database('bad', 7, { AllocatedStorage: 100 }),
        ] as never,
      }),
    ok: `arn:aws:rds:${AT}:db:ok`,
    broken: `arn:aws:rds:${AT}:db:broken`,
    says: 'rds:DescribeDBInstances failed (MissingField): response lacks DBInstances[].Engine',
    // No datapoints in the healthy account: judged on no data, a WARN (never a pass).
    bad: `arn:aws:rds:${AT}:db:bad`,
    badStatus: 'WARN',
  },
  {
    family: 'tracing',
    check: 'tracing',
    arrange: () =>
      mocks.lambda.on(ListFunctionsCommand).resolves({
        Functions: [
          fn('ok', 'Active'),
          fn('broken', 'Active', { FunctionName: undefined }),
          fn('bad', 'PassThrough'),
        ] as never,
      }),
    ok: `arn:aws:lambda:${AT}:function:ok`,
    broken: `arn:aws:lambda:${AT}:function:broken`,
    says: 'lambda:ListFunctions failed (MissingField): response lacks Functions[].FunctionName',
    bad: `arn:aws:lambda:${AT}:function:bad`,
  },
  {
    family: 'load-balancing',
    check: 'load-balancer-health-checks',
    arrange: () => {
      mocks.elb.on(DescribeTargetGroupsCommand).resolves({
        TargetGroups: [
          targetGroup('ok', true),
          targetGroup('broken', true, { TargetGroupName: undefined }),
          targetGroup('bad', false),
        ] as never,
      });
      mocks.elb.on(DescribeTargetHealthCommand).resolves({
        TargetHealthDescriptions: [
          { Target: { Id: '10.0.0.1', Port: 80 }, TargetHealth: { State: 'healthy' } },
        ],
      });
    },
    ok: `arn:aws:elasticloadbalancing:${AT}:targetgroup/ok/1`,
    broken: `arn:aws:elasticloadbalancing:${AT}:targetgroup/broken/1`,
    says: 'response lacks TargetGroups[].TargetGroupName',
    bad: `arn:aws:elasticloadbalancing:${AT}:targetgroup/bad/1`,
  },
  {
    family: 'load-balancing',
    check: 'load-balancer-health-checks',
    arrange: () => {
      mocks.elb.on(DescribeTargetGroupsCommand).resolves({
        TargetGroups: [
          targetGroup('ok', true),
          targetGroup('broken', true),
          targetGroup('bad', false),
        ] as never,
      });
      const healthy = {
        TargetHealthDescriptions: [
          { Target: { Id: '10.0.0.1', Port: 80 }, TargetHealth: { State: 'healthy' as const } },
        ],
      };
      mocks.elb.on(DescribeTargetHealthCommand).resolves(healthy);
      mocks.elb
        .on(DescribeTargetHealthCommand, {
          TargetGroupArn: `arn:aws:elasticloadbalancing:${AT}:targetgroup/broken/1`,
        })
        .rejects(deniedError());
    },
    ok: `arn:aws:elasticloadbalancing:${AT}:targetgroup/ok/1`,
    broken: `arn:aws:elasticloadbalancing:${AT}:targetgroup/broken/1`,
    says: 'elasticloadbalancing:DescribeTargetHealth was denied (AccessDeniedException)',
    bad: `arn:aws:elasticloadbalancing:${AT}:targetgroup/bad/1`,
  },
  {
    family: 'scaling',
    check: 'auto-scaling-policies',
    arrange: () =>
      mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
        AutoScalingGroups: [
          autoScalingGroup('ok', 2, 6),
          autoScalingGroup('broken', 2, 6, { MinSize: undefined }),
          autoScalingGroup('bad', 1, 1),
        ] as never,
      }),
    ok: `arn:aws:autoscaling:${AT}:autoScalingGroup:1:autoScalingGroupName/ok`,
    broken: `arn:aws:autoscaling:${AT}:autoScalingGroup:1:autoScalingGroupName/broken`,
    says: 'autoscaling:DescribeAutoScalingGroups failed (MissingField): response lacks AutoScalingGroups[].MinSize',
    bad: `arn:aws:autoscaling:${AT}:autoScalingGroup:1:autoScalingGroupName/bad`,
  },
  {
    family: 'observability',
    check: 'log-delivery',
    arrange: () => {
      mocks.logs.on(DescribeLogGroupsCommand).resolves({
        logGroups: [
          logGroup('/app/ok', 30),
          logGroup('/app/broken', 30, { logGroupName: undefined }),
          logGroup('/app/bad'),
        ] as never,
      });
      mocks.logs.on(DescribeLogStreamsCommand).resolves({
        logStreams: [
          { logStreamName: 's', lastEventTimestamp: days(0).getTime(), lastIngestionTime: days(0).getTime() },
        ],
      });
    },
    ok: `arn:aws:logs:${AT}:log-group:/app/ok`,
    broken: `arn:aws:logs:${AT}:log-group:/app/broken`,
    says: 'logs:DescribeLogGroups failed (MissingField): response lacks logGroup.logGroupName',
    bad: `arn:aws:logs:${AT}:log-group:/app/bad`,
    badStatus: 'WARN',
  },
  {
    family: 'network',
    check: 'network-configuration',
    arrange: () => {
      mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
        NetworkInterfaces: [
          networkInterface('eni-ok', 'sg-ok'),
          networkInterface('eni-broken', 'sg-broken', { OwnerId: undefined }),
          networkInterface('eni-bad', 'sg-bad'),
        ] as never,
      });
      mocks.ec2.on(DescribeSecurityGroupRulesCommand).resolves({
        SecurityGroupRules: [
          {
            SecurityGroupRuleId: 'sgr-1',
            GroupId: 'sg-bad',
            IsEgress: false,
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            CidrIpv4: '0.0.0.0/0',
          },
        ],
      });
      mocks.ec2
        .on(DescribeFlowLogsCommand)
        .resolves({ FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', FlowLogStatus: 'ACTIVE' }] });
    },
    ok: `arn:aws:ec2:${AT}:security-group/sg-ok`,
    broken: 'eni-broken',
    says: 'ec2:DescribeNetworkInterfaces failed (MissingField): response lacks NetworkInterfaces[].OwnerId',
    bad: `arn:aws:ec2:${AT}:security-group/sg-bad`,
  },
  {
    family: 'tls',
    check: 'acm-certificates',
    arrange: () =>
      mocks.acm.on(ListCertificatesCommand).resolves({
        CertificateSummaryList: [
          certificate('ok', days(200)),
          certificate('broken', 'next year'),
          certificate('bad', days(-1), 'IMPORTED'),
        ] as never,
      }),
    ok: `arn:aws:acm:${AT}:certificate/ok`,
    broken: `arn:aws:acm:${AT}:certificate/broken`,
    says: 'acm:ListCertificates failed (MalformedDate): CertificateSummaryList[].NotAfter is not a date (got "next year")',
    bad: `arn:aws:acm:${AT}:certificate/bad`,
  },
  {
    family: 'tracing',
    check: 'tracing',
    arrange: () => {
      sfn.on(ListStateMachinesCommand).resolves({
        stateMachines: [
          stateMachine('ok'),
          stateMachine('broken', { name: undefined }),
          stateMachine('bad'),
        ] as never,
      });
      sfn.on(DescribeStateMachineCommand).callsFake((input: { stateMachineArn: string }) => ({
        stateMachineArn: input.stateMachineArn,
        tracingConfiguration: { enabled: !input.stateMachineArn.endsWith(':bad') },
      }));
    },
    ok: `arn:aws:states:${AT}:stateMachine:ok`,
    broken: `arn:aws:states:${AT}:stateMachine:broken`,
    says: 'states:ListStateMachines failed (MissingField): response lacks stateMachines[].name',
    bad: `arn:aws:states:${AT}:stateMachine:bad`,
  },
  {
    family: 'api-gateway',
    check: 'tracing',
    arrange: () => {
      mocks.restApis.on(GetRestApisCommand).resolves({
        items: [restApi('ok'), restApi('broken', { name: undefined }), restApi('bad')] as never,
      });
      mocks.restApis.on(GetStagesCommand).callsFake((input: { restApiId: string }) => ({
        item: [{ stageName: 'prod', tracingEnabled: input.restApiId !== 'bad' }],
      }));
    },
    ok: 'arn:aws:apigateway:us-east-1::/restapis/ok/stages/prod',
    broken: 'arn:aws:apigateway:us-east-1::/restapis/broken',
    says: 'apigateway:GET on /restapis failed (MissingField): response lacks items[].name',
    bad: 'arn:aws:apigateway:us-east-1::/restapis/bad/stages/prod',
  },
  {
    family: 'rate-limiting',
    check: 'rate-limiting',
    arrange: () => {
      mocks.elb.on(DescribeLoadBalancersCommand).resolves({
        LoadBalancers: [
          loadBalancer('ok'),
          loadBalancer('broken', { LoadBalancerName: undefined }),
          loadBalancer('bad'),
        ] as never,
      });
      waf
        .on(GetWebACLForResourceCommand)
        .callsFake((input: { ResourceArn: string }) =>
          input.ResourceArn.includes('/ok/') ? { WebACL: rateLimitedAcl } : {},
        );
    },
    ok: `arn:aws:elasticloadbalancing:${AT}:loadbalancer/app/ok/1`,
    broken: `arn:aws:elasticloadbalancing:${AT}:loadbalancer/app/broken/1`,
    says: 'response lacks LoadBalancers[].LoadBalancerName',
    bad: `arn:aws:elasticloadbalancing:${AT}:loadbalancer/app/bad/1`,
  },
  {
    family: 'cors',
    check: 'cors-policies',
    arrange: () =>
      mocks.httpApis.on(GetApisCommand).resolves({
        Items: [
          httpApi('ok', ['https://shop.example.com']),
          httpApi('broken', ['https://shop.example.com'], { ProtocolType: undefined }),
          httpApi('bad', ['*']),
        ] as never,
      }),
    ok: 'arn:aws:apigateway:us-east-1::/apis/ok',
    broken: 'arn:aws:apigateway:us-east-1::/apis/broken',
    says: 'response lacks Items[].ProtocolType',
    bad: 'arn:aws:apigateway:us-east-1::/apis/bad',
  },
  {
    family: 'workloads',
    check: 'environment-variables',
    arrange: () =>
      mocks.lambda.on(ListFunctionsCommand).resolves({
        Functions: [
          fn('ok', 'Active', { Environment: { Variables: { LOG_LEVEL: 'info' } } }),
          fn('broken', 'Active', {
            FunctionArn: undefined,
            Environment: { Variables: { LOG_LEVEL: 'info' } },
          }),
          fn('bad', 'Active', { Environment: { Variables: { DB_PASSWORD: 'hunter2-correct-horse' } } }),
        ] as never,
      }),
    ok: `arn:aws:lambda:${AT}:function:ok`,
    broken: 'broken',
    says: 'lambda:ListFunctions failed (MissingField): response lacks Functions[].FunctionArn',
    bad: `arn:aws:lambda:${AT}:function:bad`,
  },
  {
    family: 'tracing',
    check: 'tracing',
    arrange: () => {
      sfn.on(ListStateMachinesCommand).resolves({
        stateMachines: [stateMachine('ok'), stateMachine('broken'), stateMachine('bad')] as never,
      });
      sfn.on(DescribeStateMachineCommand).callsFake((input: { stateMachineArn: string }) => {
        if (input.stateMachineArn.endsWith(':broken')) throw deniedError();
        return {
          stateMachineArn: input.stateMachineArn,
          tracingConfiguration: { enabled: !input.stateMachineArn.endsWith(':bad') },
        };
      });
    },
    ok: `arn:aws:states:${AT}:stateMachine:ok`,
    broken: `arn:aws:states:${AT}:stateMachine:broken`,
    says: 'states:DescribeStateMachine was denied (AccessDeniedException)',
    bad: `arn:aws:states:${AT}:stateMachine:bad`,
  },
  {
    family: 'api-gateway',
    check: 'tracing',
    arrange: () => {
      mocks.restApis.on(GetRestApisCommand).resolves({
        items: [restApi('ok'), restApi('broken'), restApi('bad')] as never,
      });
      mocks.restApis.on(GetStagesCommand).callsFake((input: { restApiId: string }) => {
        if (input.restApiId === 'broken') throw deniedError();
        return { item: [{ stageName: 'prod', tracingEnabled: input.restApiId !== 'bad' }] };
      });
    },
    ok: 'arn:aws:apigateway:us-east-1::/restapis/ok/stages/prod',
    broken: 'arn:aws:apigateway:us-east-1::/restapis/broken',
    says: 'was denied (AccessDeniedException)',
    bad: 'arn:aws:apigateway:us-east-1::/restapis/bad/stages/prod',
  },
  {
    family: 'observability',
    check: 'log-delivery',
    arrange: () => {
      mocks.logs.on(DescribeLogGroupsCommand).resolves({
        logGroups: [logGroup('/app/ok', 30), logGroup('/app/broken', 30), logGroup('/app/bad')] as never,
      });
      mocks.logs.on(DescribeLogStreamsCommand).callsFake((input: { logGroupName: string }) => {
        if (input.logGroupName === '/app/broken') throw deniedError();
        return {
          logStreams: [
            {
              logStreamName: 's',
              lastEventTimestamp: days(0).getTime(),
              lastIngestionTime: days(0).getTime(),
            },
          ],
        };
      });
    },
    ok: `arn:aws:logs:${AT}:log-group:/app/ok`,
    broken: `arn:aws:logs:${AT}:log-group:/app/broken`,
    says: 'logs:DescribeLogStreams was denied (AccessDeniedException)',
    bad: `arn:aws:logs:${AT}:log-group:/app/bad`,
    badStatus: 'WARN',
  },
];

beforeEach(() => {
  tagging.reset();
  s3.reset();
  waf.reset();
  s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  sfn.reset();
  stubStateMachineListing(sfn);
  account.install();
  account.pipelineCaller(ACCOUNT);
});

describe('preflight audit: one resource whose answer cannot be read, between two that can', () => {
  it.each(CASES)(
    '$family/$check: the others are judged, $broken is an ERROR naming what could not be read',
    async (c) => {
      c.arrange();
      const { code, report } = await auditChecksInProcess(configFile, c.check);
      const of = (resource: string) => report.findings.filter((f) => f.resource === resource);

      // The resource before it is judged, without fault.
      expect(of(c.ok).length).toBeGreaterThan(0);
      expect(of(c.ok).map((f) => f.status)).not.toContain('ERROR');
      // The one after it is judged too, and what is wrong with it still counts.
      expect(of(c.bad).map((f) => f.status)).toContain(c.badStatus ?? 'FAIL');
      // The unreadable one is an ERROR of its own, naming the call, the field and why.
      const broken = of(c.broken).filter((f) => f.status === 'ERROR');
      expect(broken).toHaveLength(1);
      expect(broken[0]?.message).toContain(c.says);
      // Not an ERROR of the whole check: nothing else is blinded.
      expect(report.findings.filter((f) => f.resource === '*')).toEqual([]);
      // Never PASS: a FAIL among the others is the verdict, else the ERROR is.
      expect(report.verdict).toBe(c.badStatus === undefined ? 'FAIL' : 'ERROR');
      expect(code).not.toBe(0);
    },
  );
});

describe('preflight audit: a resource listed twice', () => {
  it.each([
    {
      family: 'load-balancing',
      check: 'load-balancer-health-checks',
      arrange: () => {
        // Page 1: ok; page 2: ok again (the listing moved while it was read) and bad.
        mocks.elb
          .on(DescribeTargetGroupsCommand)
          .callsFake((input: { Marker?: string }) =>
            input.Marker === undefined
              ? { TargetGroups: [targetGroup('ok', true)], NextMarker: 'page-2' }
              : { TargetGroups: [targetGroup('ok', true), targetGroup('bad', false)] },
          );
        mocks.elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
      },
      calls: () =>
        mocks.elb.commandCalls(DescribeTargetHealthCommand).map((c) => c.args[0].input.TargetGroupArn),
      expected: [
        `arn:aws:elasticloadbalancing:${AT}:targetgroup/ok/1`,
        `arn:aws:elasticloadbalancing:${AT}:targetgroup/bad/1`,
      ],
    },
    {
      family: 'observability',
      check: 'log-delivery',
      arrange: () => {
        mocks.logs
          .on(DescribeLogGroupsCommand)
          .callsFake((input: { nextToken?: string }) =>
            input.nextToken === undefined
              ? { logGroups: [logGroup('/app/ok', 30)], nextToken: 'page-2' }
              : { logGroups: [logGroup('/app/ok', 30), logGroup('/app/bad')] },
          );
        mocks.logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [] });
      },
      calls: () =>
        mocks.logs.commandCalls(DescribeLogStreamsCommand).map((c) => c.args[0].input.logGroupName),
      expected: ['/app/ok', '/app/bad'],
    },
  ])('$family/$check: the calls made for it are made once', async ({ check, arrange, calls, expected }) => {
    arrange();
    const { report } = await auditChecksInProcess(configFile, check);
    expect(calls()).toEqual(expected);
    expect(report.findings.filter((f) => f.resource === '*')).toEqual([]);
  });
});

describe("preflight audit --service: an unreadable resource is the service's concern only when it is the service's", () => {
  it("reports the service's own unreadable certificate as an ERROR, and leaves another team's out", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'preflight-unreadable-')), 'preflight.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        environments: { prod: { account: ACCOUNT, regions: ['us-east-1'] } },
        services: { payments: { environments: ['prod'], resources: { tags: { service: 'payments' } } } },
      }),
    );
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: ['pay', 'pay-broken'].map((id) => ({
        ResourceARN: `arn:aws:acm:${AT}:certificate/${id}`,
      })),
      PaginationToken: '',
    });
    mocks.acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        certificate('pay', days(200)),
        certificate('pay-broken', 'garbage'),
        certificate('theirs-broken', 'garbage'),
      ] as never,
    });

    const run = await runCliInProcess([
      'audit',
      '-c',
      file,
      '--service',
      'payments',
      '--env',
      'prod',
      '--quiet',
      '--format',
      'json',
      '--checks',
      'acm-certificates',
    ]);
    const report = JSON.parse(run.stdout) as AuditReport;

    const of = (id: string) =>
      report.findings.filter((f) => f.resource === `arn:aws:acm:${AT}:certificate/${id}`);
    // The service's own unreadable certificate is an ERROR naming it; its readable one is judged.
    expect(of('pay-broken').map((f) => `${f.status} ${f.rule}`)).toEqual(['ERROR read']);
    expect(of('pay').length).toBeGreaterThan(0);
    expect(of('pay').map((f) => f.status)).not.toContain('ERROR');
    // Another team's unreadable certificate is not this service's to judge (nor to block on).
    expect(JSON.stringify(report)).not.toContain('theirs-broken');
    expect(report.scope?.resources.map((r) => r.arn).sort()).toEqual([
      `arn:aws:acm:${AT}:certificate/pay`,
      `arn:aws:acm:${AT}:certificate/pay-broken`,
    ]);
    expect(report.verdict).toBe('ERROR');
    expect(run.code).toBe(2);
  });
});
