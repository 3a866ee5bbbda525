import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import type { Distribution } from '../../../../lambdas/core/checks/rate-limiting/distribution-ports';
import type { WebAcl, WebAclRule } from '../../../../lambdas/core/checks/rate-limiting/ports';
import {
  classicWafFinding,
  judgeDistributionRateRule,
} from '../../../../lambdas/core/checks/rate-limiting/rules/rate-limiting/distribution-rate-rule';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const ACCOUNT = '111122223333';
const aclArn = (name: string) => `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/${name}/0a1b`;
const distribution = (
  id: string,
  alias: string | undefined,
  webAclId?: string,
  enabled = true,
): Distribution => ({
  id,
  arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`,
  domainName: `d${id.toLowerCase()}.cloudfront.net`,
  aliases: alias === undefined ? [] : [alias],
  enabled,
  ...(webAclId === undefined ? {} : { webAclId }),
});
const acl = (name: string, rules: WebAclRule[]): WebAcl => ({
  name,
  arn: aclArn(name),
  rules,
  firewallManagerGroups: 0,
});
const rate = (action: string): WebAclRule => ({
  name: `rate-${action}`,
  rateLimit: { limit: 1000, windowSeconds: 60 },
  action,
});
const SHOP = distribution('ESHOP', 'shop.example.com', aclArn('edge'));

describe('rate-based-rule, for a CloudFront distribution', () => {
  it.each<[string, WebAcl | undefined, string, RegExp]>([
    ['no web ACL', undefined, 'FAIL', /ESHOP \(shop.example.com\) faces the internet without a WAF web ACL/],
    [
      'a blocking rate rule',
      acl('edge', [rate('Block')]),
      'PASS',
      /limits each client to 1000 requests per 1 min/,
    ],
    ['a rate rule that only counts', acl('edge', [rate('Count')]), 'WARN', /only count/],
    ['no rate rule', acl('edge', [{ name: 'geo', action: 'Block' }]), 'FAIL', /has no rate-based rule/],
  ])('%s: %s, with the distribution as evidence', (_case, web, status, message) => {
    const finding = judgeDistributionRateRule(SHOP, succeeded(web));
    expect(finding).toMatchObject({
      checkId: 'rate-limiting',
      rule: 'rate-based-rule',
      resource: SHOP.arn,
      status,
      evidence: { distribution: 'ESHOP', aliases: ['shop.example.com'], webAclId: aclArn('edge') },
    });
    expect(finding.message).toMatch(message);
    // No load balancer words in a distribution's evidence.
    expect(finding.evidence).not.toHaveProperty('loadBalancer');
    expect(finding.evidence).not.toHaveProperty('scheme');
  });

  it('tells how to protect a distribution, not a load balancer, when it has no web ACL', () => {
    const finding = judgeDistributionRateRule(distribution('EBARE', undefined), succeeded(undefined));
    expect(finding.message).toContain('EBARE (debare.cloudfront.net)');
    expect(finding.remediation).toContain('the distribution (a CLOUDFRONT-scope WAF web ACL, in us-east-1)');
    expect(finding.remediation).not.toContain('load balancer');
  });

  it('warns, never passes, behind a WAF Classic web ACL it cannot read', () => {
    const finding = classicWafFinding(distribution('EOLD', 'old.example.com', '6c0f6f3e-8b5a-4c1d'));
    expect(finding).toMatchObject({ status: 'WARN', evidence: { webAclId: '6c0f6f3e-8b5a-4c1d' } });
    expect(finding.message).toContain('WAF Classic');
  });

  it('is ERROR naming the call when the web ACL could not be read', () => {
    const denied = new AwsCallError('wafv2:GetWebACL', 'access-denied', 'WAFAccessDeniedException', 'no');
    const finding = judgeDistributionRateRule(SHOP, { ok: false, error: denied });
    expect(finding).toMatchObject({ status: 'ERROR', evidence: { distribution: 'ESHOP' } });
    expect(finding.message).toContain('wafv2:GetWebACL');
  });
});

describe('the rate-limiting check, for CloudFront distributions', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: ACCOUNT, regions: ['eu-west-1', 'us-east-1'] } },
    services: {
      orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
      payments: { environments: ['prod'], resources: { stacks: ['payments-edge'] } },
      legacy: { environments: ['prod'], resources: { names: ['old.example.com'] } },
    },
  });
  const DISTRIBUTIONS = [
    SHOP,
    distribution('EAPI', 'api.example.com', aclArn('edge')),
    distribution('EPAY', 'pay.example.com'),
    distribution('EOLD', 'old.example.com', '6c0f6f3e-8b5a-4c1d'),
    distribution('EOFF', 'off.example.com', undefined, false),
  ];
  const scope: ScopePorts = {
    resourcesWithTags: async (tags, types) =>
      tags.service === 'orders' && types.includes('cloudfront:distribution')
        ? [
            SHOP.arn,
            `arn:aws:cloudfront::${ACCOUNT}:distribution/EAPI`,
            `arn:aws:cloudfront::${ACCOUNT}:distribution/EOFF`,
          ]
        : [],
    stackResources: async (stack) =>
      stack === 'payments-edge'
        ? [{ logicalId: 'Cdn', type: 'AWS::CloudFront::Distribution', physicalId: 'EPAY' }]
        : undefined,
    location: async () => ({ partition: 'aws', accountId: ACCOUNT, region: 'us-east-1' }),
  };

  function account(fail?: 'list' | 'acl') {
    const asked: string[] = [];
    let listed = 0;
    const ports = {
      loadBalancing: { listLoadBalancers: async () => [] },
      restApis: { listRestApis: async () => [] },
      httpApis: { listHttpApis: async () => [] },
      waf: {
        auditedRegion: async () => 'us-east-1',
        listDistributions: async () => {
          listed += 1;
          if (fail === 'list')
            throw new AwsCallError('cloudfront:ListDistributions', 'throttled', 'Throttling', 'slow');
          return DISTRIBUTIONS;
        },
        cloudFrontWebAcl: async (arn: string) => {
          asked.push(arn);
          if (fail === 'acl')
            throw new AwsCallError('wafv2:GetWebACL', 'throttled', 'WAFThrottlingException', 'slow');
          return acl('edge', [rate('Block')]);
        },
      },
      scope,
    } as unknown as AccountPorts;
    return { ports, asked, listed: () => listed };
  }
  const summary = (findings: readonly { resource: string; status: string }[]) =>
    findings.map((f) => `${f.status} ${f.resource.split('/').at(-1)}`);

  it.each<[string, string[]]>([
    ['orders', ['PASS ESHOP', 'PASS EAPI']],
    ['payments', ['FAIL EPAY']],
    ['legacy', ['WARN EOLD']],
  ])(
    "judges %s's enabled distributions (by tag, stack or alias) in the us-east-1 audit",
    async (service, expected) => {
      const { ports } = account();
      const target = resolveTarget(CONFIG, { service, environment: 'prod' });
      const result = await runCheck('rate-limiting', ports, CONFIG, NOW, { target, region: 'us-east-1' });
      expect(summary(result.findings)).toEqual(expected);
    },
  );

  it('reads a web ACL shared by two distributions once', async () => {
    const { ports, asked } = account();
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    await runCheck('rate-limiting', ports, CONFIG, NOW, { target, region: 'us-east-1' });
    expect(asked).toEqual([aclArn('edge')]);
  });

  it('judges no distribution in another region: each is judged once, by the us-east-1 audit', async () => {
    const { ports, listed } = account();
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW, { target, region: 'eu-west-1' });
    expect(listed()).toBe(0);
    // Nothing else to judge there: the runner's WARN for an empty scope, never a pass.
    expect(result.findings.map((f) => f.rule)).toEqual(['scope']);
  });

  it('judges every enabled distribution for the whole account, the region taken from the ports when not given', async () => {
    const { ports } = account();
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW);
    expect(summary(result.findings)).toEqual(['PASS ESHOP', 'PASS EAPI', 'FAIL EPAY', 'WARN EOLD']);
  });

  it('reports a distribution listing that failed as one ERROR naming the call', async () => {
    const { ports } = account('list');
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW, { region: 'us-east-1' });
    expect(result.findings).toMatchObject([
      { rule: 'rate-based-rule', resource: 'cloudfront:*', status: 'ERROR' },
    ]);
    expect(result.findings[0]?.message).toContain('cloudfront:ListDistributions');
  });

  it('degrades only the distributions behind a web ACL that could not be read', async () => {
    const { ports } = account('acl');
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW, { region: 'us-east-1' });
    expect(summary(result.findings)).toEqual(['ERROR ESHOP', 'ERROR EAPI', 'FAIL EPAY', 'WARN EOLD']);
  });
});
