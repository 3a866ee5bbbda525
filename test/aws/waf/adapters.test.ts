import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listLoadBalancers, TARGET_GROUPS_PAGE_SIZE } from '../../../lambdas/aws/load-balancing/elbv2';
import { webAclFor } from '../../../lambdas/aws/waf/wafv2';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from '../secrets/serve-pages';

const waf = mockClient(WAFV2Client);
const elb = mockClient(ElasticLoadBalancingV2Client);

afterAll(() => {
  waf.restore();
  elb.restore();
});
const wafClient = new WAFV2Client({ region: 'eu-west-1' });
const elbClient = new ElasticLoadBalancingV2Client({ region: 'eu-west-1' });
const fail = (name: string) => Object.assign(new Error('no'), { name });
const visibility = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'm' };

describe('webAclFor', () => {
  beforeEach(() => waf.reset());

  it('reads the rules of the associated web ACL: rate limits, actions, rule groups', async () => {
    waf.on(GetWebACLForResourceCommand, { ResourceArn: 'arn:lb' }).resolves({
      WebACL: {
        Name: 'edge',
        Id: '1',
        ARN: 'arn:acl',
        DefaultAction: { Allow: {} },
        VisibilityConfig: visibility,
        Rules: [
          {
            Name: 'per-ip',
            Priority: 0,
            Statement: {
              RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 60 },
            },
            Action: { Block: {} },
            VisibilityConfig: visibility,
          },
          {
            Name: 'per-ip-5m',
            Priority: 1,
            Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP' } },
            Action: { Count: {} },
            VisibilityConfig: visibility,
          },
          {
            Name: 'common',
            Priority: 2,
            Statement: {
              ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
            },
            OverrideAction: { None: {} },
            VisibilityConfig: visibility,
          },
        ],
        PreProcessFirewallManagerRuleGroups: [],
      },
    });
    expect(await webAclFor(wafClient, 'arn:lb')).toEqual({
      name: 'edge',
      arn: 'arn:acl',
      rules: [
        { name: 'per-ip', rateLimit: { limit: 2000, windowSeconds: 60, scopedDown: false }, action: 'Block' },
        {
          name: 'per-ip-5m',
          rateLimit: { limit: 500, windowSeconds: 300, scopedDown: false },
          action: 'Count',
        },
        { name: 'common', ruleGroup: 'AWS/AWSManagedRulesCommonRuleSet' },
      ],
      firewallManagerGroups: 0,
    });
  });

  it('gives undefined when no web ACL is associated', async () => {
    waf.on(GetWebACLForResourceCommand).resolves({});
    expect(await webAclFor(wafClient, 'arn:lb')).toBeUndefined();
  });

  it.each<[string, () => void, string]>([
    [
      'denied',
      () => waf.on(GetWebACLForResourceCommand).rejects(fail('WAFAccessDeniedException')),
      'access-denied',
    ],
    [
      'throttled past the retries',
      () => waf.on(GetWebACLForResourceCommand).rejects(fail('ThrottlingException')),
      'throttled',
    ],
    [
      'answered with a web ACL without a name',
      () => waf.on(GetWebACLForResourceCommand).resolves({ WebACL: { ARN: 'arn:acl' } as never }),
      'malformed-response',
    ],
  ])('fails closed naming wafv2:GetWebACLForResource when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await webAclFor(wafClient, 'arn:lb').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'wafv2:GetWebACLForResource', kind });
  });
});

describe('listLoadBalancers', () => {
  beforeEach(() => elb.reset());

  it('asks for the largest page and follows NextMarker', async () => {
    const pages = servePages([
      {
        LoadBalancers: [
          { LoadBalancerName: 'a', LoadBalancerArn: 'arn:a', Type: 'application', Scheme: 'internet-facing' },
        ],
        NextMarker: 'm2',
      },
      {
        LoadBalancers: [
          { LoadBalancerName: 'b', LoadBalancerArn: 'arn:b', Type: 'network', Scheme: 'internal' },
        ],
      },
    ]);
    elb.on(DescribeLoadBalancersCommand).callsFake(pages.reply);
    expect(await listLoadBalancers(elbClient)).toEqual([
      { name: 'a', arn: 'arn:a', type: 'application', scheme: 'internet-facing' },
      { name: 'b', arn: 'arn:b', type: 'network', scheme: 'internal' },
    ]);
    expect(pages.sent).toEqual([
      { PageSize: TARGET_GROUPS_PAGE_SIZE },
      { PageSize: TARGET_GROUPS_PAGE_SIZE, Marker: 'm2' },
    ]);
  });

  it('fails closed naming elasticloadbalancing:DescribeLoadBalancers when denied', async () => {
    elb.on(DescribeLoadBalancersCommand).rejects(fail('AccessDenied'));
    const error = await listLoadBalancers(elbClient).catch((e: unknown) => e);
    expect(error).toMatchObject({
      action: 'elasticloadbalancing:DescribeLoadBalancers',
      kind: 'access-denied',
    });
  });
});
