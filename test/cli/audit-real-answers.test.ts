import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FindingStatus } from '../../lambdas/core/findings';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditChecksInProcess, defaultsConfigFile } from '../support/cli-in-process';

/*
 * `preflight audit --checks <check>` fed the answers a real account gives, in the shapes of the AWS
 * API reference: AWS defaults that are no risk must not FAIL, and settings that look on but do
 * nothing must not PASS.
 */

const ACCOUNT = '111122223333';
const AT = `us-east-1:${ACCOUNT}`;
const account = stubHealthyAccount(new Date());
const waf = mockClient(WAFV2Client);
afterAll(() => {
  account.restore();
  waf.restore();
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
];

describe('preflight audit against the answers a real account gives', () => {
  beforeEach(() => {
    account.install();
    waf.reset();
  });

  it.each(CASES)('$answer: $check/$rule is $status', async (c) => {
    c.arrange();
    const { report } = await auditChecksInProcess(configFile, c.check);

    const finding = report.findings.find((f) => f.resource === c.resource && f.rule === c.rule);
    expect(finding?.status, JSON.stringify(report.findings, null, 1)).toBe(c.status);
    if (c.says !== undefined) expect(finding?.message).toContain(c.says);
  });
});
