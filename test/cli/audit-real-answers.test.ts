import { Resolver } from 'node:dns/promises';
import { GetRestApisCommand, GetStagesCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand, GetStagesCommand as GetHttpStagesCommand } from '@aws-sdk/client-apigatewayv2';
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import {
  DescribeFlowLogsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { GetBucketCorsCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetWebACLCommand, GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FindingStatus } from '../../lambdas/core/findings';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditChecksInProcess, defaultsConfigFile } from '../support/cli-in-process';

/*
 * The names DNS answers in these tests: no lookup leaves the machine. Stubbed on the shared
 * Resolver prototype, not by mocking the module: this project's files share one process, and an
 * earlier file may already have loaded the adapter with the real module.
 */
const dnsAnswers = {
  cname: new Map<string, string[]>(),
  a: new Map<string, string[]>(),
};
const notFound = (name: string, code: string) =>
  Object.assign(new Error(`query ${code} ${name}`), { code, hostname: name });
const resolveCname = vi.spyOn(Resolver.prototype, 'resolveCname').mockImplementation(async (name: string) => {
  const answer = dnsAnswers.cname.get(name);
  if (answer === undefined) throw notFound(name, 'ENODATA');
  return answer;
});
const resolve4 = vi.spyOn(Resolver.prototype, 'resolve4').mockImplementation((async (name: string) => {
  const answer = dnsAnswers.a.get(name);
  if (answer === undefined) throw notFound(name, 'ENOTFOUND');
  return answer;
}) as typeof Resolver.prototype.resolve4);

/*
 * `preflight audit --checks <check>` fed the answers a real account gives, in the shapes of the AWS
 * API reference: AWS defaults that are no risk must not FAIL, and settings that look on but do
 * nothing must not PASS.
 */

const ACCOUNT = '111122223333';
const AT = `us-east-1:${ACCOUNT}`;
const account = stubHealthyAccount(new Date());
const waf = mockClient(WAFV2Client);
const s3 = mockClient(S3Client);
afterAll(() => {
  account.restore();
  waf.restore();
  s3.restore();
  resolveCname.mockRestore();
  resolve4.mockRestore();
});
const { mocks } = account;
const configFile = defaultsConfigFile();

const TARGET_GROUP = `arn:aws:elasticloadbalancing:${AT}:targetgroup/orders-fn/73e2d6bc24d8a067`;
const LOAD_BALANCER = `arn:aws:elasticloadbalancing:${AT}:loadbalancer/app/orders/50dc6c495c0c9188`;
const FUNCTION = `arn:aws:lambda:${AT}:function:orders`;

/** A target group as DescribeTargetGroups answers it, with one target as DescribeTargetHealth does. */
const targetGroup = (group: Record<string, unknown>, health: Record<string, unknown>) => {
  mocks.elb.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupName: 'orders-fn',
        TargetGroupArn: TARGET_GROUP,
        LoadBalancerArns: [LOAD_BALANCER],
        ...group,
      } as never,
    ],
  });
  mocks.elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [health as never] });
};
/** A Lambda target group as ELB creates it: health checks off, AWS's default for Lambda targets. */
const lambdaTargetGroup = {
  TargetType: 'lambda',
  HealthCheckEnabled: false,
  HealthCheckPath: '/',
  HealthCheckIntervalSeconds: 35,
  HealthCheckTimeoutSeconds: 30,
  HealthyThresholdCount: 5,
  UnhealthyThresholdCount: 2,
  Matcher: { HttpCode: '200' },
};
const instanceGroup = (enabled: boolean) => ({
  TargetType: 'instance',
  Protocol: 'HTTP',
  Port: 80,
  HealthCheckEnabled: enabled,
  HealthCheckProtocol: 'HTTP',
  HealthCheckPath: '/health',
  HealthCheckIntervalSeconds: 15,
  HealthCheckTimeoutSeconds: 5,
  HealthyThresholdCount: 3,
  UnhealthyThresholdCount: 2,
});
const healthCheckDisabled = (id: string) => ({
  Target: { Id: id },
  TargetHealth: {
    State: 'unavailable',
    Reason: 'Target.HealthCheckDisabled',
    Description: 'Health checks are disabled',
  },
});

const GROUP = `arn:aws:autoscaling:${AT}:autoScalingGroup:5f1c:autoScalingGroupName/orders-web`;
/** An Auto Scaling group with room to grow in three zones, and its policies as DescribePolicies answers them. */
const groupWith = (policies: Record<string, unknown>[]) => {
  mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
    AutoScalingGroups: [
      {
        AutoScalingGroupName: 'orders-web',
        AutoScalingGroupARN: GROUP,
        MinSize: 2,
        MaxSize: 10,
        DesiredCapacity: 3,
        DefaultCooldown: 300,
        AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        HealthCheckType: 'ELB',
        CreatedTime: new Date('2026-01-01T00:00:00Z'),
      },
    ],
  });
  mocks.autoScaling.on(DescribePoliciesCommand).resolves({
    ScalingPolicies: policies.map((p) => ({
      AutoScalingGroupName: 'orders-web',
      PolicyARN: `arn:aws:autoscaling:${AT}:scalingPolicy:1:autoScalingGroupName/orders-web:policyName/${p.PolicyName}`,
      Enabled: true,
      ...p,
    })),
  });
};
const stepAlarm = {
  AlarmName: 'orders-web-cpu-high',
  AlarmARN: `arn:aws:cloudwatch:${AT}:alarm:orders-web-cpu-high`,
};
const predictive = (mode?: string) => ({
  PolicyName: 'forecast',
  PolicyType: 'PredictiveScaling',
  Alarms: [],
  PredictiveScalingConfiguration: {
    MetricSpecifications: [
      { TargetValue: 50, PredefinedMetricPairSpecification: { PredefinedMetricType: 'ASGCPUUtilization' } },
    ],
    ...(mode === undefined ? {} : { Mode: mode }),
  },
});
const ECS_TARGET = 'service/prod/orders-api';
/** An ECS service's scalable target and its policies as DescribeScalingPolicies answers them. */
const ecsTargetWith = (policies: Record<string, unknown>[]) => {
  mocks.applicationAutoScaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
  mocks.applicationAutoScaling.on(DescribeScalableTargetsCommand, { ServiceNamespace: 'ecs' }).resolves({
    ScalableTargets: [
      {
        ServiceNamespace: 'ecs',
        ResourceId: ECS_TARGET,
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: 2,
        MaxCapacity: 10,
        RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
        CreationTime: new Date('2026-01-01T00:00:00Z'),
      },
    ],
  });
  mocks.applicationAutoScaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [] });
  mocks.applicationAutoScaling.on(DescribeScalingPoliciesCommand, { ServiceNamespace: 'ecs' }).resolves({
    ScalingPolicies: policies.map((p) => ({
      PolicyARN: `arn:aws:autoscaling:${AT}:scalingPolicy:2:resource/ecs/${ECS_TARGET}:policyName/${p.PolicyName}`,
      ServiceNamespace: 'ecs',
      ResourceId: ECS_TARGET,
      ScalableDimension: 'ecs:service:DesiredCount',
      CreationTime: new Date('2026-01-01T00:00:00Z'),
      ...p,
    })) as never,
  });
};

/** An internet-facing Application Load Balancer whose web ACL holds the given rules. */
const webAclWith = (rules: Record<string, unknown>[]) => {
  mocks.elb.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [
      {
        LoadBalancerName: 'orders',
        LoadBalancerArn: LOAD_BALANCER,
        Type: 'application',
        Scheme: 'internet-facing',
        DNSName: 'orders-1234567890.us-east-1.elb.amazonaws.com',
      },
    ],
  });
  waf.on(GetWebACLForResourceCommand).resolves({
    WebACL: {
      Name: 'orders-edge',
      Id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      ARN: `arn:aws:wafv2:${AT}:regional/webacl/orders-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
      DefaultAction: { Allow: {} },
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'edge' },
      Rules: rules as never,
    },
  });
};
const rateRule = (name: string, statement: Record<string, unknown> = {}) => ({
  Name: name,
  Priority: 1,
  Action: { Block: {} },
  VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name },
  Statement: { RateBasedStatement: { Limit: 100, AggregateKeyType: 'IP', ...statement } },
});
const ALB_DNS = 'orders-1234567890.us-east-1.elb.amazonaws.com';
const DISTRIBUTION = 'E2QWRUHEXAMPLE';
/** CloudFront's origin-facing managed prefix list in us-east-1, as DescribeManagedPrefixLists answers it. */
const CLOUDFRONT_PREFIX_LIST = 'pl-3b927c52';
/**
 * An internet-facing ALB without a web ACL of its own, the origin of a CloudFront distribution whose
 * CLOUDFRONT-scope web ACL blocks clients over a rate; the ALB's security group lets in `ingress`.
 */
const albBehindCloudFront = (
  ingress: Record<string, unknown>[],
  customHeaders: readonly { HeaderName: string; HeaderValue: string }[] = [],
  originDomain = ALB_DNS,
) => {
  mocks.elb.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [
      {
        LoadBalancerName: 'orders',
        LoadBalancerArn: LOAD_BALANCER,
        Type: 'application',
        Scheme: 'internet-facing',
        DNSName: ALB_DNS,
        SecurityGroups: ['sg-0a1b2c3d4e5f60718'],
        State: { Code: 'active' },
      },
    ],
  });
  waf.on(GetWebACLForResourceCommand).resolves({});
  mocks.cloudFront.on(ListDistributionsCommand).resolves({
    DistributionList: {
      Marker: '',
      MaxItems: 1000,
      IsTruncated: false,
      Quantity: 1,
      Items: [
        {
          Id: DISTRIBUTION,
          ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/${DISTRIBUTION}`,
          DomainName: 'd111111abcdef8.cloudfront.net',
          Status: 'Deployed',
          Enabled: true,
          Aliases: { Quantity: 1, Items: ['shop.example.com'] },
          WebACLId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/b2c3d4e5-6789-01ab-cdef-EXAMPLE22222`,
          Origins: {
            Quantity: 1,
            Items: [
              {
                Id: 'orders-alb',
                DomainName: originDomain,
                OriginPath: '',
                CustomHeaders: { Quantity: customHeaders.length, Items: [...customHeaders] },
                CustomOriginConfig: {
                  HTTPPort: 80,
                  HTTPSPort: 443,
                  OriginProtocolPolicy: 'https-only',
                },
              },
            ],
          },
        } as never,
      ],
    },
  });
  waf.on(GetWebACLCommand).resolves({
    WebACL: {
      Name: 'edge',
      Id: 'b2c3d4e5-6789-01ab-cdef-EXAMPLE22222',
      ARN: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/b2c3d4e5-6789-01ab-cdef-EXAMPLE22222`,
      DefaultAction: { Allow: {} },
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'edge' },
      Rules: [rateRule('per-ip')] as never,
    },
  });
  mocks.ec2.on(DescribeSecurityGroupRulesCommand).resolves({
    SecurityGroupRules: ingress.map((r, i) => ({
      SecurityGroupRuleId: `sgr-0000000000000000${i}`,
      GroupId: 'sg-0a1b2c3d4e5f60718',
      GroupOwnerId: ACCOUNT,
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      ...r,
    })),
  });
  mocks.ec2.on(DescribeManagedPrefixListsCommand).resolves({
    PrefixLists: [
      {
        PrefixListId: CLOUDFRONT_PREFIX_LIST,
        PrefixListName: 'com.amazonaws.global.cloudfront.origin-facing',
        AddressFamily: 'IPv4',
        State: 'create-complete',
        MaxEntries: 55,
        Version: 1,
        OwnerId: 'AWS',
        PrefixListArn: `arn:aws:ec2:us-east-1:aws:prefix-list/${CLOUDFRONT_PREFIX_LIST}`,
      },
    ],
  });
};
const LISTENER = `arn:aws:elasticloadbalancing:${AT}:listener/app/orders/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const ORIGIN_SECRET = 'b6f1c0de-5e1a-4c8e-9f4b-0d2c7a91e3f5';
/** The ALB's HTTPS listener with `rules` as DescribeRules answers them (the default rule last). */
const listenerRules = (rules: Record<string, unknown>[]) => {
  mocks.elb.on(DescribeListenersCommand).resolves({
    Listeners: [{ ListenerArn: LISTENER, LoadBalancerArn: LOAD_BALANCER, Port: 443, Protocol: 'HTTPS' }],
  });
  mocks.elb.on(DescribeRulesCommand).resolves({ Rules: rules as never });
};
const forward = [
  { Type: 'forward', TargetGroupArn: `arn:aws:elasticloadbalancing:${AT}:targetgroup/orders/1` },
];
const denied = [
  { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '403', ContentType: 'text/plain' } },
];
const headerRule = (value: string) => ({
  RuleArn: `${LISTENER.replace(':listener/', ':listener-rule/')}/9683b2d02a6cabee`,
  Priority: '1',
  IsDefault: false,
  Conditions: [
    { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [value] } },
  ],
  Actions: forward,
});
const defaultRule = (actions: Record<string, unknown>[]) => ({
  RuleArn: `${LISTENER.replace(':listener/', ':listener-rule/')}/default`,
  Priority: 'default',
  IsDefault: true,
  Conditions: [],
  Actions: actions,
});
const secretHeaderOrigin = [{ HeaderName: 'X-Origin-Verify', HeaderValue: ORIGIN_SECRET }];

const loginOnly = {
  ScopeDownStatement: {
    ByteMatchStatement: {
      SearchString: new TextEncoder().encode('/login'),
      FieldToMatch: { UriPath: {} },
      TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      PositionalConstraint: 'STARTS_WITH',
    },
  },
};

const SECURITY_GROUP = `arn:aws:ec2:${AT}:security-group/sg-0a1b2c3d4e5f60718`;
const VPC = `arn:aws:ec2:${AT}:vpc/vpc-0f1e2d3c4b5a69788`;
const SUBNET_A = 'subnet-0aa11bb22cc33dd44';
const SUBNET_B = 'subnet-0ee55ff6600770088';
/** One node of an internet-facing ALB (or a Lambda function's interface) in a VPC, its group's rules, and the VPC's flow logs. */
const networkWith = (
  carrier: 'public-alb' | 'ipv6-alb' | 'lambda',
  rules: Record<string, unknown>[],
  logs: Record<string, unknown>[] = [
    {
      FlowLogId: 'fl-0123456789abcdef0',
      ResourceId: 'vpc-0f1e2d3c4b5a69788',
      FlowLogStatus: 'ACTIVE',
      DeliverLogsStatus: 'SUCCESS',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
    },
  ],
) => {
  mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [
      {
        NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718',
        OwnerId: ACCOUNT,
        VpcId: 'vpc-0f1e2d3c4b5a69788',
        SubnetId: SUBNET_A,
        Status: 'in-use',
        Groups: [{ GroupId: 'sg-0a1b2c3d4e5f60718', GroupName: 'orders' }],
        ...(carrier === 'ipv6-alb'
          ? {
              // An IPv6-only (dualstack-without-public-ipv4) ALB's node: a private IPv4, a global IPv6, no public IPv4.
              InterfaceType: 'interface',
              Description: 'ELB app/orders/50dc6c495c0c9188',
              PrivateIpAddress: '10.0.1.23',
              Ipv6Addresses: [{ Ipv6Address: '2600:1f18:4b2:6e00::23' }],
            }
          : {}),
        ...(carrier === 'public-alb'
          ? {
              InterfaceType: 'interface',
              Description: 'ELB app/orders/50dc6c495c0c9188',
              Association: { PublicIp: '203.0.113.10', IpOwnerId: 'amazon-elb' },
            }
          : carrier === 'lambda'
            ? {
                InterfaceType: 'lambda',
                Description: 'AWS Lambda VPC ENI-orders-7b3f1c2a-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
              }
            : {}),
      },
    ],
  });
  mocks.ec2.on(DescribeSecurityGroupRulesCommand).resolves({
    SecurityGroupRules: rules.map((r, i) => ({
      SecurityGroupRuleId: `sgr-0000000000000000${i}`,
      GroupId: 'sg-0a1b2c3d4e5f60718',
      GroupOwnerId: ACCOUNT,
      IsEgress: false,
      ...r,
    })),
  });
  mocks.ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: logs });
};
/** Two Lambda interfaces of one function in two subnets of the VPC, no ingress rule, and these flow logs. */
const functionInTwoSubnets = (logs: Record<string, unknown>[]) => {
  networkWith('lambda', [], logs);
  mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [SUBNET_A, SUBNET_B].map((subnet, i) => ({
      NetworkInterfaceId: `eni-0a1b2c3d4e5f6071${i}`,
      OwnerId: ACCOUNT,
      VpcId: 'vpc-0f1e2d3c4b5a69788',
      SubnetId: subnet,
      Status: 'in-use',
      InterfaceType: 'lambda',
      Description: `AWS Lambda VPC ENI-orders-7b3f1c2a-1d2e-4f5a-8b9c-0d1e2f3a4b5${i}`,
      Groups: [{ GroupId: 'sg-0a1b2c3d4e5f60718', GroupName: 'orders' }],
    })),
  });
};
/** A flow log as DescribeFlowLogs answers it, of a VPC, subnet or interface. */
const flowLog = (ResourceId: string, fields: Record<string, unknown> = {}) => ({
  FlowLogId: `fl-${ResourceId.replace(/^[a-z]+-/, '').slice(0, 17)}`,
  ResourceId,
  FlowLogStatus: 'ACTIVE',
  DeliverLogsStatus: 'SUCCESS',
  TrafficType: 'ALL',
  LogDestinationType: 'cloud-watch-logs',
  CreationTime: new Date('2026-01-01T00:00:00Z'),
  ...fields,
});
const https = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' };
const https6 = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' };
/** The ALB `orders` as ELB describes it: `scheme`, IPv6 only. */
const ordersAlb = (scheme: 'internet-facing' | 'internal') =>
  mocks.elb.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [
      {
        LoadBalancerArn: `arn:aws:elasticloadbalancing:${AT}:loadbalancer/app/orders/50dc6c495c0c9188`,
        LoadBalancerName: 'orders',
        Type: 'application',
        Scheme: scheme,
        IpAddressType: 'dualstack-without-public-ipv4',
        SecurityGroups: ['sg-0a1b2c3d4e5f60718'],
      },
    ],
  });

const DOCDB = `arn:aws:rds:${AT}:db:catalog-docdb-1`;
/**
 * A DocumentDB or Neptune instance as RDS's DescribeDBInstances lists it (the three share the API),
 * and CloudWatch answering only for the namespace the engine publishes in: hourly free local storage.
 */
const clusterEngineInstance = (engine: 'docdb' | 'neptune', namespace: string, freeBytes: number) => {
  mocks.rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      {
        DBInstanceIdentifier: 'catalog-docdb-1',
        DBInstanceArn: DOCDB,
        DBInstanceClass: 'db.r6g.large',
        Engine: engine,
        DBInstanceStatus: 'available',
        AllocatedStorage: 1,
        DBClusterIdentifier: 'catalog-docdb',
      },
    ],
  });
  mocks.cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((q) => {
      const metric = q.MetricStat?.Metric;
      const published = metric?.Namespace === namespace && metric.MetricName === 'FreeLocalStorage';
      const hours = published ? [3, 2, 1] : [];
      return {
        Id: q.Id,
        Timestamps: hours.map((h) => new Date(Date.now() - h * 3_600_000)),
        Values: hours.map(() => freeBytes),
        StatusCode: 'Complete',
      };
    }),
  }));
};

const REST_STAGE = 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod';
/** A regional REST API with a WAF rate rule, its prod stage's method settings, and its usage plans. */
const restStageWith = (methodSettings: Record<string, unknown>, plans: Record<string, unknown>[] = []) => {
  mocks.restApis.on(GetRestApisCommand).resolves({
    items: [{ id: 'a1b2c3d4e5', name: 'orders', endpointConfiguration: { types: ['REGIONAL'] } }],
  });
  mocks.restApis.on(GetStagesCommand).resolves({
    item: [{ stageName: 'prod', deploymentId: 'dep1', methodSettings: methodSettings as never }],
  });
  mocks.restApis.on(GetUsagePlansCommand).resolves({ items: plans as never });
  waf.on(GetWebACLForResourceCommand).resolves({});
};
const HTTP_STAGE = 'arn:aws:apigateway:us-east-1::/apis/f6g7h8i9j0/stages/$default';
const httpStageWith = (defaults: Record<string, unknown>) => {
  mocks.httpApis.on(GetApisCommand).resolves({
    Items: [
      { ApiId: 'f6g7h8i9j0', Name: 'orders-http', ProtocolType: 'HTTP', RouteSelectionExpression: 'x' },
    ],
  });
  mocks.httpApis.on(GetHttpStagesCommand).resolves({
    Items: [{ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: defaults as never }],
  });
};
/** What GetStages shows once logging or metrics are switched on for every method: API Gateway's account defaults. */
const accountDefaults = { throttlingRateLimit: 10000, throttlingBurstLimit: 5000 };

const HTTP_API = 'arn:aws:apigateway:us-east-1::/apis/f6g7h8i9j0';
const httpApiCors = (cors: Record<string, unknown>) => {
  mocks.httpApis.on(GetApisCommand).resolves({
    Items: [
      {
        ApiId: 'f6g7h8i9j0',
        Name: 'orders-http',
        ProtocolType: 'HTTP',
        RouteSelectionExpression: '$request.method $request.path',
        CorsConfiguration: cors as never,
      },
    ],
  });
  mocks.httpApis.on(GetHttpStagesCommand).resolves({ Items: [] });
};

const BUCKET = 'arn:aws:s3:::orders-uploads';
const bucketCors = (rules: Record<string, unknown>[]) => {
  s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'orders-uploads', BucketRegion: 'us-east-1' }] });
  s3.on(GetBucketCorsCommand).resolves({ CORSRules: rules as never });
};

/** what the account answers, the check, the resource, the rule, the status, and words the message holds. */
const CASES: {
  answer: string;
  check: string;
  arrange: () => void;
  resource: string;
  rule: string;
  status: FindingStatus;
  says?: string;
}[] = [
  {
    answer: 'a Lambda target group with health checks off (the AWS default for Lambda targets)',
    check: 'load-balancer-health-checks',
    arrange: () => targetGroup(lambdaTargetGroup, healthCheckDisabled(FUNCTION)),
    resource: TARGET_GROUP,
    rule: 'health-check',
    status: 'PASS',
    says: 'Lambda',
  },
  {
    answer: 'the function of a Lambda target group with health checks off (unavailable, HealthCheckDisabled)',
    check: 'load-balancer-health-checks',
    arrange: () => targetGroup(lambdaTargetGroup, healthCheckDisabled(FUNCTION)),
    resource: TARGET_GROUP,
    rule: 'target-health',
    status: 'PASS',
    says: 'not health-checked',
  },
  {
    answer: 'a Lambda target group with health checks on and its function unhealthy',
    check: 'load-balancer-health-checks',
    arrange: () =>
      targetGroup(
        { ...lambdaTargetGroup, HealthCheckEnabled: true },
        {
          Target: { Id: FUNCTION },
          TargetHealth: { State: 'unhealthy', Reason: 'Target.FailedHealthChecks' },
        },
      ),
    resource: TARGET_GROUP,
    rule: 'target-health',
    status: 'FAIL',
  },
  {
    answer: 'an instance target group with health checks off',
    check: 'load-balancer-health-checks',
    arrange: () => targetGroup(instanceGroup(false), healthCheckDisabled('i-0123456789abcdef0')),
    resource: TARGET_GROUP,
    rule: 'health-check',
    status: 'FAIL',
  },
  {
    answer: 'the targets of an instance target group with health checks off (said once, by health-check)',
    check: 'load-balancer-health-checks',
    arrange: () => targetGroup(instanceGroup(false), healthCheckDisabled('i-0123456789abcdef0')),
    resource: TARGET_GROUP,
    rule: 'target-health',
    status: 'WARN',
    says: 'not health-checked',
  },
  {
    answer: 'a target in a zone the load balancer does not serve (unused, Target.NotInUse)',
    check: 'load-balancer-health-checks',
    arrange: () =>
      targetGroup(instanceGroup(true), {
        Target: { Id: 'i-0123456789abcdef0', Port: 80 },
        TargetHealth: { State: 'unused', Reason: 'Target.NotInUse' },
      }),
    resource: TARGET_GROUP,
    rule: 'target-health',
    status: 'WARN',
  },
  {
    answer: 'an Auto Scaling group whose only policy is predictive in ForecastOnly mode',
    check: 'auto-scaling-policies',
    arrange: () => groupWith([predictive('ForecastOnly')]),
    resource: GROUP,
    rule: 'policies',
    status: 'FAIL',
    says: 'forecast',
  },
  {
    answer: 'an Auto Scaling group whose only policy is predictive without a mode (ForecastOnly by default)',
    check: 'auto-scaling-policies',
    arrange: () => groupWith([predictive()]),
    resource: GROUP,
    rule: 'policies',
    status: 'FAIL',
  },
  {
    answer: 'an Auto Scaling group with a predictive policy in ForecastAndScale mode',
    check: 'auto-scaling-policies',
    arrange: () => groupWith([predictive('ForecastAndScale')]),
    resource: GROUP,
    rule: 'policies',
    status: 'PASS',
  },
  {
    answer: 'an Auto Scaling group whose only policy is step scaling with no alarm to trigger it',
    check: 'auto-scaling-policies',
    arrange: () =>
      groupWith([
        { PolicyName: 'cpu-step', PolicyType: 'StepScaling', AdjustmentType: 'ChangeInCapacity', Alarms: [] },
      ]),
    resource: GROUP,
    rule: 'policies',
    status: 'FAIL',
    says: 'no alarm',
  },
  {
    answer: 'an Auto Scaling group with a step scaling policy its alarm triggers',
    check: 'auto-scaling-policies',
    arrange: () =>
      groupWith([
        {
          PolicyName: 'cpu-step',
          PolicyType: 'StepScaling',
          AdjustmentType: 'ChangeInCapacity',
          Alarms: [stepAlarm],
        },
      ]),
    resource: GROUP,
    rule: 'policies',
    status: 'PASS',
  },
  {
    answer: 'an Auto Scaling group with a target tracking policy (its alarms are its own)',
    check: 'auto-scaling-policies',
    arrange: () =>
      groupWith([
        {
          PolicyName: 'cpu-50',
          PolicyType: 'TargetTrackingScaling',
          Alarms: [stepAlarm],
          TargetTrackingConfiguration: {
            PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
            TargetValue: 50,
          },
        },
      ]),
    resource: GROUP,
    rule: 'policies',
    status: 'PASS',
  },
  {
    answer: 'an ECS service whose only policy is step scaling with no alarm to trigger it',
    check: 'auto-scaling-policies',
    arrange: () =>
      ecsTargetWith([
        {
          PolicyName: 'cpu-step',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity' },
          Alarms: [],
        },
      ]),
    resource: ECS_TARGET,
    rule: 'policies',
    status: 'FAIL',
    says: 'no alarm',
  },
  {
    answer: 'an ECS service whose only policy is predictive in ForecastOnly mode',
    check: 'auto-scaling-policies',
    arrange: () =>
      ecsTargetWith([
        {
          PolicyName: 'forecast',
          PolicyType: 'PredictiveScaling',
          PredictiveScalingPolicyConfiguration: { MetricSpecifications: [], Mode: 'ForecastOnly' },
        },
      ]),
    resource: ECS_TARGET,
    rule: 'policies',
    status: 'FAIL',
  },
  {
    answer: 'an ECS service with a step scaling policy its alarm triggers',
    check: 'auto-scaling-policies',
    arrange: () =>
      ecsTargetWith([
        {
          PolicyName: 'cpu-step',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity' },
          Alarms: [stepAlarm],
        },
      ]),
    resource: ECS_TARGET,
    rule: 'policies',
    status: 'PASS',
  },
  {
    answer:
      "a load balancer whose web ACL's only rate-based rule limits the requests of one path (scope-down)",
    check: 'rate-limiting',
    arrange: () => webAclWith([rateRule('login-limit', loginOnly)]),
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'WARN',
    says: 'login-limit',
  },
  {
    answer: 'a load balancer whose web ACL has a rate-based rule over every request, and a scoped one',
    check: 'rate-limiting',
    arrange: () => webAclWith([rateRule('login-limit', loginOnly), rateRule('per-ip')]),
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'PASS',
    says: 'per-ip',
  },
  {
    answer:
      "a load balancer without a web ACL, reachable only from CloudFront's origin-facing prefix list, behind a distribution whose web ACL limits rates",
    check: 'rate-limiting',
    arrange: () => albBehindCloudFront([{ PrefixListId: CLOUDFRONT_PREFIX_LIST }]),
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'PASS',
    says: DISTRIBUTION,
  },
  {
    answer:
      'a load balancer behind a rate-limited distribution that also lets the whole internet in directly',
    check: 'rate-limiting',
    arrange: () => albBehindCloudFront([{ PrefixListId: CLOUDFRONT_PREFIX_LIST }, { CidrIpv4: '0.0.0.0/0' }]),
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'WARN',
    says: '0.0.0.0/0',
  },
  {
    answer:
      "a load balancer open to the internet whose listener forwards only requests carrying the distribution's secret origin header",
    check: 'rate-limiting',
    arrange: () => {
      albBehindCloudFront([{ CidrIpv4: '0.0.0.0/0' }], secretHeaderOrigin);
      listenerRules([headerRule(ORIGIN_SECRET), defaultRule(denied)]);
    },
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'PASS',
    says: 'X-Origin-Verify',
  },
  {
    answer: 'the same, but the listener forwards requests without the header by default',
    check: 'rate-limiting',
    arrange: () => {
      albBehindCloudFront([{ CidrIpv4: '0.0.0.0/0' }], secretHeaderOrigin);
      listenerRules([headerRule(ORIGIN_SECRET), defaultRule(forward)]);
    },
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'WARN',
    says: '0.0.0.0/0',
  },
  {
    answer: 'the same, but the listener rule checks a header value the distribution does not send',
    check: 'rate-limiting',
    arrange: () => {
      albBehindCloudFront([{ CidrIpv4: '0.0.0.0/0' }], secretHeaderOrigin);
      listenerRules([headerRule('an-older-secret'), defaultRule(denied)]);
    },
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'WARN',
  },
  {
    answer: "a distribution whose origin is a custom domain that is a CNAME of the load balancer's DNS name",
    check: 'rate-limiting',
    arrange: () => {
      albBehindCloudFront([{ PrefixListId: CLOUDFRONT_PREFIX_LIST }], [], 'origin.shop.example.com');
      dnsAnswers.cname.set('origin.shop.example.com', [ALB_DNS]);
    },
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'PASS',
    says: 'origin.shop.example.com',
  },
  {
    answer: 'a distribution whose origin is a Route 53 alias of the load balancer (same addresses, no CNAME)',
    check: 'rate-limiting',
    arrange: () => {
      albBehindCloudFront([{ PrefixListId: CLOUDFRONT_PREFIX_LIST }], [], 'origin.shop.example.com');
      dnsAnswers.a.set('origin.shop.example.com', ['3.214.10.7', '52.4.188.20']);
      dnsAnswers.a.set(ALB_DNS, ['52.4.188.20', '3.214.10.7']);
    },
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'PASS',
    says: 'origin.shop.example.com',
  },
  {
    answer: 'a distribution whose custom-domain origin resolves to other addresses (another origin)',
    check: 'rate-limiting',
    arrange: () => {
      albBehindCloudFront([{ PrefixListId: CLOUDFRONT_PREFIX_LIST }], [], 'origin.shop.example.com');
      dnsAnswers.a.set('origin.shop.example.com', ['198.51.100.7']);
      dnsAnswers.a.set(ALB_DNS, ['52.4.188.20', '3.214.10.7']);
    },
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'FAIL',
  },
  {
    answer: 'a load balancer whose web ACL holds only the AWS managed rule groups',
    check: 'rate-limiting',
    arrange: () =>
      webAclWith([
        {
          Name: 'common',
          Priority: 0,
          OverrideAction: { None: {} },
          VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'c' },
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
          },
        },
      ]),
    resource: LOAD_BALANCER,
    rule: 'rate-based-rule',
    status: 'WARN',
  },
  {
    answer:
      'a VPC whose only flow log is active but fails to deliver (DeliverLogsStatus FAILED, Access error)',
    check: 'network-configuration',
    arrange: () =>
      networkWith(
        'lambda',
        [],
        [
          {
            FlowLogId: 'fl-0123456789abcdef0',
            ResourceId: 'vpc-0f1e2d3c4b5a69788',
            FlowLogStatus: 'ACTIVE',
            DeliverLogsStatus: 'FAILED',
            DeliverLogsErrorMessage: 'Access error',
            TrafficType: 'ALL',
            LogDestinationType: 'cloud-watch-logs',
          },
        ],
      ),
    resource: VPC,
    rule: 'flow-logs',
    status: 'FAIL',
    says: 'Access error',
  },
  {
    answer: 'a VPC without a flow log of its own whose interface’s subnet logs all traffic',
    check: 'network-configuration',
    arrange: () => networkWith('lambda', [], [flowLog(SUBNET_A)]),
    resource: VPC,
    rule: 'flow-logs',
    status: 'PASS',
    says: SUBNET_A,
  },
  {
    answer: 'a VPC without a flow log of its own whose interface has a flow log of its own',
    check: 'network-configuration',
    arrange: () => networkWith('lambda', [], [flowLog('eni-0a1b2c3d4e5f60718')]),
    resource: VPC,
    rule: 'flow-logs',
    status: 'PASS',
    says: 'eni-0a1b2c3d4e5f60718',
  },
  {
    answer: 'a function in two subnets of which one logs all traffic',
    check: 'network-configuration',
    arrange: () => functionInTwoSubnets([flowLog(SUBNET_A)]),
    resource: VPC,
    rule: 'flow-logs',
    status: 'WARN',
    says: SUBNET_B,
  },
  {
    answer: 'a function in two subnets, both logged, one of them failing to deliver',
    check: 'network-configuration',
    arrange: () =>
      functionInTwoSubnets([
        flowLog(SUBNET_A),
        flowLog(SUBNET_B, { DeliverLogsStatus: 'FAILED', DeliverLogsErrorMessage: 'Access error' }),
      ]),
    resource: VPC,
    rule: 'flow-logs',
    status: 'WARN',
    says: SUBNET_B,
  },
  {
    answer: 'a function in two subnets, both logging all traffic',
    check: 'network-configuration',
    arrange: () => functionInTwoSubnets([flowLog(SUBNET_A), flowLog(SUBNET_B)]),
    resource: VPC,
    rule: 'flow-logs',
    status: 'PASS',
  },
  {
    answer: 'a function in two subnets whose only subnet flow log fails to deliver',
    check: 'network-configuration',
    arrange: () =>
      functionInTwoSubnets([
        flowLog(SUBNET_A, { DeliverLogsStatus: 'FAILED', DeliverLogsErrorMessage: 'Access error' }),
      ]),
    resource: VPC,
    rule: 'flow-logs',
    status: 'FAIL',
    says: 'Access error',
  },
  {
    answer: 'a VPC whose flow log of all traffic delivers',
    check: 'network-configuration',
    arrange: () => networkWith('lambda', []),
    resource: VPC,
    rule: 'flow-logs',
    status: 'PASS',
  },
  {
    answer: "a dualstack internet-facing load balancer's group open on 443 to 0.0.0.0/0 and ::/0",
    check: 'network-configuration',
    arrange: () => networkWith('public-alb', [https, https6]),
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'PASS',
    says: 'tcp 443 from ::/0',
  },
  {
    answer:
      "an IPv6-only internet-facing load balancer's group open on 443 to ::/0 (its nodes have no public IPv4)",
    check: 'network-configuration',
    arrange: () => {
      networkWith('ipv6-alb', [https6]);
      ordersAlb('internet-facing');
    },
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'PASS',
    says: 'internet-facing load balancer',
  },
  {
    answer: "an IPv6-only internet-facing load balancer's group open on 22 to ::/0",
    check: 'network-configuration',
    arrange: () => {
      networkWith('ipv6-alb', [https6, { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '::/0' }]);
      ordersAlb('internet-facing');
    },
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'FAIL',
    says: 'tcp 22 from ::/0',
  },
  {
    answer:
      "an IPv6-only load balancer's group open on 443 to ::/0 while DescribeLoadBalancers is denied (internet-facing or not is unknown)",
    check: 'network-configuration',
    arrange: () => {
      networkWith('ipv6-alb', [https6]);
      mocks.elb.on(DescribeLoadBalancersCommand).rejects(
        Object.assign(
          new Error('User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers'),
          {
            name: 'AccessDenied',
            $metadata: { httpStatusCode: 403 },
          },
        ),
      );
    },
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'ERROR',
    says: 'elasticloadbalancing:DescribeLoadBalancers',
  },
  {
    answer: "an internal dualstack load balancer's group open on 443 to ::/0",
    check: 'network-configuration',
    arrange: () => {
      networkWith('ipv6-alb', [https6]);
      ordersAlb('internal');
    },
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'FAIL',
    says: 'tcp 443 from ::/0',
  },
  {
    answer:
      "an internet-facing load balancer's group open on 443 and to ICMP fragmentation-needed (path MTU discovery)",
    check: 'network-configuration',
    arrange: () =>
      networkWith('public-alb', [
        https,
        { IpProtocol: 'icmp', FromPort: 3, ToPort: 4, CidrIpv4: '0.0.0.0/0' },
        { IpProtocol: 'icmpv6', FromPort: 2, ToPort: -1, CidrIpv6: '::/0' },
      ]),
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'PASS',
  },
  {
    answer: "a function's group open to ICMP echo from anywhere, named as an ICMP type",
    check: 'network-configuration',
    arrange: () =>
      networkWith('lambda', [{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, CidrIpv4: '0.0.0.0/0' }]),
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'FAIL',
    says: 'icmp type 8 (every code) from 0.0.0.0/0',
  },
  {
    answer: "an internet-facing load balancer's group open on 22 from ::/0",
    check: 'network-configuration',
    arrange: () =>
      networkWith('public-alb', [https, { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '::/0' }]),
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'FAIL',
    says: 'tcp 22 from ::/0',
  },
  {
    answer: "a function's group open to every protocol from a prefix list and another group only",
    check: 'network-configuration',
    arrange: () =>
      networkWith('lambda', [
        { IpProtocol: '-1', FromPort: -1, ToPort: -1, PrefixListId: 'pl-0123456789abcdef0' },
        {
          IpProtocol: '-1',
          FromPort: -1,
          ToPort: -1,
          ReferencedGroupInfo: { GroupId: 'sg-0fedcba9876543210' },
        },
      ]),
    resource: SECURITY_GROUP,
    rule: 'open-ingress',
    status: 'PASS',
  },
  {
    answer:
      'a DocumentDB instance listed by DescribeDBInstances, with 30 GiB of local storage free in AWS/DocDB',
    check: 'disk-space',
    arrange: () => clusterEngineInstance('docdb', 'AWS/DocDB', 30 * 1024 ** 3),
    resource: DOCDB,
    rule: 'free-space',
    status: 'PASS',
    says: 'DocumentDB',
  },
  {
    answer: 'a DocumentDB instance with 1 GiB of local storage free in AWS/DocDB',
    check: 'disk-space',
    arrange: () => clusterEngineInstance('docdb', 'AWS/DocDB', 1024 ** 3),
    resource: DOCDB,
    rule: 'free-space',
    status: 'FAIL',
  },
  {
    answer: 'a Neptune instance with 30 GiB of local storage free in AWS/Neptune',
    check: 'disk-space',
    arrange: () => clusterEngineInstance('neptune', 'AWS/Neptune', 30 * 1024 ** 3),
    resource: DOCDB,
    rule: 'free-space',
    status: 'PASS',
    says: 'Neptune',
  },
  {
    answer:
      "a REST stage whose every-method throttle is API Gateway's account default (10,000/s, burst 5,000)",
    check: 'rate-limiting',
    arrange: () =>
      restStageWith({ '*/*': { metricsEnabled: true, loggingLevel: 'INFO', ...accountDefaults } }),
    resource: REST_STAGE,
    rule: 'stage-throttling',
    status: 'WARN',
    says: '10000',
  },
  {
    answer: 'a REST stage at the account default, covered by a usage plan that throttles each key at 50/s',
    check: 'rate-limiting',
    arrange: () =>
      restStageWith({ '*/*': accountDefaults }, [
        {
          id: 'plan1',
          name: 'partners',
          apiStages: [{ apiId: 'a1b2c3d4e5', stage: 'prod' }],
          throttle: { rateLimit: 50, burstLimit: 100 },
        },
      ]),
    resource: REST_STAGE,
    rule: 'stage-throttling',
    status: 'PASS',
    says: 'partners',
  },
  {
    answer: 'a REST stage throttling every method at 200/s',
    check: 'rate-limiting',
    arrange: () => restStageWith({ '*/*': { throttlingRateLimit: 200, throttlingBurstLimit: 400 } }),
    resource: REST_STAGE,
    rule: 'stage-throttling',
    status: 'PASS',
  },
  {
    answer: 'an HTTP API stage whose default route throttle is the account default (10,000/s)',
    check: 'rate-limiting',
    arrange: () =>
      httpStageWith({
        DetailedMetricsEnabled: false,
        ThrottlingRateLimit: 10000,
        ThrottlingBurstLimit: 5000,
      }),
    resource: HTTP_STAGE,
    rule: 'stage-throttling',
    status: 'WARN',
  },
  {
    answer:
      'an HTTP API stage without a default route throttle (GetStages gives only DetailedMetricsEnabled)',
    check: 'rate-limiting',
    arrange: () => httpStageWith({ DetailedMetricsEnabled: false }),
    resource: HTTP_STAGE,
    rule: 'stage-throttling',
    status: 'FAIL',
  },
  {
    answer:
      'an HTTP API allowing the origin null with credentials (any site can send it from a sandboxed iframe)',
    check: 'cors-policies',
    arrange: () => httpApiCors({ AllowOrigins: ['null'], AllowCredentials: true, AllowMethods: ['GET'] }),
    resource: HTTP_API,
    rule: 'http-api-cors',
    status: 'FAIL',
    says: 'null',
  },
  {
    answer: 'an HTTP API allowing * with credentials',
    check: 'cors-policies',
    arrange: () => httpApiCors({ AllowOrigins: ['*'], AllowCredentials: true }),
    resource: HTTP_API,
    rule: 'http-api-cors',
    status: 'FAIL',
  },
  {
    answer: 'an HTTP API allowing one listed https origin with credentials',
    check: 'cors-policies',
    arrange: () => httpApiCors({ AllowOrigins: ['https://app.example.com'], AllowCredentials: true }),
    resource: HTTP_API,
    rule: 'http-api-cors',
    status: 'PASS',
  },
  {
    answer: 'an S3 bucket whose CORS lets the origin null PUT',
    check: 'cors-policies',
    arrange: () =>
      bucketCors([{ AllowedOrigins: ['null'], AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['*'] }]),
    resource: BUCKET,
    rule: 'bucket-cors',
    status: 'FAIL',
  },
  {
    answer: 'an S3 bucket whose CORS lets one https origin PUT',
    check: 'cors-policies',
    arrange: () =>
      bucketCors([
        { AllowedOrigins: ['https://app.example.com'], AllowedMethods: ['PUT'], MaxAgeSeconds: 3000 },
      ]),
    resource: BUCKET,
    rule: 'bucket-cors',
    status: 'PASS',
  },
];

describe('preflight audit against the answers a real account gives', () => {
  beforeEach(() => {
    account.install();
    waf.reset();
    s3.reset();
    dnsAnswers.cname.clear();
    dnsAnswers.a.clear();
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  });

  it.each(CASES)('$answer: $check/$rule is $status', async (c) => {
    c.arrange();
    const { report } = await auditChecksInProcess(configFile, c.check);

    const finding = report.findings.find((f) => f.resource === c.resource && f.rule === c.rule);
    expect(finding?.status, JSON.stringify(report.findings, null, 1)).toBe(c.status);
    if (c.says !== undefined) expect(finding?.message).toContain(c.says);
    // The shared secret CloudFront sends its origin is never copied into the report.
    expect(JSON.stringify(report)).not.toContain(ORIGIN_SECRET);
  });

  it('lists the distributions and reads their web ACL once for the load balancers behind them and the distributions themselves', async () => {
    albBehindCloudFront([{ PrefixListId: CLOUDFRONT_PREFIX_LIST }]);
    const { report } = await auditChecksInProcess(configFile, 'rate-limiting');

    // Both judgements ran: the load balancer's (through its distribution) and the distribution's.
    expect(report.findings.find((f) => f.resource === LOAD_BALANCER)?.status).toBe('PASS');
    expect(report.findings.some((f) => f.resource.endsWith(`distribution/${DISTRIBUTION}`))).toBe(true);
    expect(mocks.cloudFront).toHaveReceivedCommandTimes(ListDistributionsCommand, 1);
    expect(waf).toHaveReceivedCommandTimes(GetWebACLCommand, 1);
  });
});
