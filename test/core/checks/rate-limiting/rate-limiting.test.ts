import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import type { LoadBalancer } from '../../../../lambdas/core/checks/load-balancing/ports';
import { rateLimitingChecks } from '../../../../lambdas/core/checks/rate-limiting/definitions';
import type { WebAcl, WebAclRule } from '../../../../lambdas/core/checks/rate-limiting/ports';
import { judgeRateBasedRule } from '../../../../lambdas/core/checks/rate-limiting/rules/rate-limiting/rate-based-rule';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';
import { NO_APIS } from '../api-gateway/no-apis';

const NOW = new Date('2026-03-10T12:00:00Z');
const lbArn = (kind: string, name: string) =>
  `arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/${kind}/${name}/abc`;
const ALB: LoadBalancer = {
  name: 'orders',
  arn: lbArn('app', 'orders'),
  type: 'application',
  scheme: 'internet-facing',
};
const acl = (rules: WebAclRule[], firewallManagerGroups = 0): WebAcl => ({
  name: 'edge',
  arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1',
  rules,
  firewallManagerGroups,
});
const rate = (action: string): WebAclRule => ({
  name: `rate-${action}`,
  rateLimit: { limit: 2000, windowSeconds: 300 },
  action,
});

describe('rate-based-rule', () => {
  it.each<[string, WebAcl | undefined, string, RegExp]>([
    ['no web ACL', undefined, 'FAIL', /without a WAF web ACL/],
    [
      'a blocking rate rule',
      acl([rate('Block')]),
      'PASS',
      /limits each client to 2000 requests per 5 min \(rule rate-Block, Block\)/,
    ],
    ['a challenging rate rule', acl([rate('Challenge')]), 'PASS', /Challenge/],
    ['a rate rule that only counts', acl([rate('Count')]), 'WARN', /only count/],
    [
      'only rule groups',
      acl([{ name: 'common', ruleGroup: 'AWS/AWSManagedRulesCommonRuleSet' }]),
      'WARN',
      /1 rule group\(s\) were not read/,
    ],
    ['only Firewall Manager groups', acl([], 2), 'WARN', /2 rule group\(s\) were not read/],
    ['no rate rule and no group', acl([{ name: 'geo', action: 'Block' }]), 'FAIL', /has no rate-based rule/],
  ])('%s: %s', (_case, web, status, message) => {
    const finding = judgeRateBasedRule(ALB, succeeded(web));
    expect(finding).toMatchObject({
      checkId: 'rate-limiting',
      rule: 'rate-based-rule',
      resource: ALB.arn,
      status,
    });
    expect(finding.message).toMatch(message);
    if (status !== 'PASS') expect(finding.remediation).toBeDefined();
  });

  it('is ERROR, never PASS, when the association could not be read', () => {
    const denied = new AwsCallError(
      'wafv2:GetWebACLForResource',
      'access-denied',
      'WAFAccessDeniedException',
      'no',
    );
    const finding = judgeRateBasedRule(ALB, { ok: false, error: denied });
    expect(finding).toMatchObject({ status: 'ERROR', evidence: { code: 'WAFAccessDeniedException' } });
    expect(finding.remediation).toContain('wafv2:GetWebACLForResource');
  });
});

describe('the rate-limiting check', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: {
      orders: { environments: ['prod'], resources: { names: ['orders', 'orders-internal', 'orders-nlb'] } },
    },
  });
  const none: ScopePorts = {
    resourcesWithTags: async () => [],
    stackResources: async () => undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  const BALANCERS: LoadBalancer[] = [
    ALB,
    {
      name: 'orders-internal',
      arn: lbArn('app', 'orders-internal'),
      type: 'application',
      scheme: 'internal',
    },
    { name: 'orders-nlb', arn: lbArn('net', 'orders-nlb'), type: 'network', scheme: 'internet-facing' },
    { name: 'other', arn: lbArn('app', 'other'), type: 'application', scheme: 'internet-facing' },
  ];

  it("asks for the load balancers, their web ACL, CloudFront's, their security groups, and the scope", () => {
    expect(rateLimitingChecks['rate-limiting'].permissions).toEqual([
      'elasticloadbalancing:DescribeLoadBalancers',
      'wafv2:GetWebACLForResource',
      'cloudfront:ListDistributions',
      'wafv2:GetWebACL',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeManagedPrefixLists',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeRules',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("judges the service's public ALB, says what it cannot see of its NLB, and leaves the internal one", async () => {
    const asked: string[] = [];
    const account = {
      loadBalancing: { listLoadBalancers: async () => BALANCERS },
      waf: {
        auditedRegion: async () => 'eu-west-1',
        webAclFor: async (arn: string) => {
          asked.push(arn);
          return acl([rate('Block')]);
        },
      },
      scope: none,
      ...NO_APIS,
    } as unknown as AccountPorts;
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('rate-limiting', account, CONFIG, NOW, { target });
    expect(asked).toEqual([ALB.arn]);
    expect(result.findings.map((f) => `${f.status} ${f.resource}`)).toEqual([
      `PASS ${ALB.arn}`,
      `WARN ${lbArn('net', 'orders-nlb')}`,
    ]);
    expect(result.findings[1]?.message).toContain('WAF cannot attach to it');
  });

  it('skips, never passes, a service whose load balancers are all internal', async () => {
    const account = {
      loadBalancing: { listLoadBalancers: async () => [BALANCERS[1]] },
      waf: { auditedRegion: async () => 'eu-west-1' },
      scope: none,
      ...NO_APIS,
    } as unknown as AccountPorts;
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('rate-limiting', account, CONFIG, NOW, { target });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'SKIPPED' }]);
    expect(result.findings[0]?.message).toContain('1 resource(s) of orders in scope');
  });

  it('is one ERROR naming the call when the load balancers cannot be listed', async () => {
    const account = {
      loadBalancing: {
        listLoadBalancers: async () => {
          throw new AwsCallError(
            'elasticloadbalancing:DescribeLoadBalancers',
            'throttled',
            'Throttling',
            'slow',
          );
        },
      },
      scope: none,
      ...NO_APIS,
    } as unknown as AccountPorts;
    const result = await runCheck('rate-limiting', account, CONFIG, NOW);
    expect(result.findings).toMatchObject([{ rule: 'run', status: 'ERROR' }]);
  });
});
