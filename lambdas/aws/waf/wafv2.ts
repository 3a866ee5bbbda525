import { GetWebACLForResourceCommand, type Rule, type WAFV2Client } from '@aws-sdk/client-wafv2';
import type { WebAcl, WebAclRule } from '../../core/checks/rate-limiting/ports';
import { callAws } from '../call';
import { required } from '../required';

const GET_WEB_ACL_FOR_RESOURCE = 'wafv2:GetWebACLForResource';

function actionOf(rule: Rule): string | undefined {
  const action = rule.Action;
  if (action === undefined) return undefined;
  return Object.keys(action).find((key) => (action as Record<string, unknown>)[key] !== undefined);
}

function toRule(rule: Rule): WebAclRule {
  const statement = rule.Statement;
  const rate = statement?.RateBasedStatement;
  const group =
    statement?.ManagedRuleGroupStatement === undefined
      ? statement?.RuleGroupReferenceStatement?.ARN
      : `${statement.ManagedRuleGroupStatement.VendorName}/${statement.ManagedRuleGroupStatement.Name}`;
  const action = actionOf(rule);
  return {
    name: required(GET_WEB_ACL_FOR_RESOURCE, 'WebACL.Rules[].Name', rule.Name),
    ...(rate === undefined
      ? {}
      : {
          rateLimit: {
            limit: required(GET_WEB_ACL_FOR_RESOURCE, 'RateBasedStatement.Limit', rate.Limit),
            // WAF's default evaluation window is 5 minutes.
            windowSeconds: rate.EvaluationWindowSec ?? 300,
          },
        }),
    ...(action === undefined ? {} : { action }),
    ...(group === undefined ? {} : { ruleGroup: group }),
  };
}

/**
 * The web ACL associated with a resource, rules included (GetWebACLForResource returns the whole
 * ACL: no GetWebACL needed), or `undefined` when none is associated.
 */
export async function webAclFor(client: WAFV2Client, resourceArn: string): Promise<WebAcl | undefined> {
  const answer = await callAws(GET_WEB_ACL_FOR_RESOURCE, () =>
    client.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn })),
  );
  const acl = answer.WebACL;
  if (acl === undefined) return undefined;
  return {
    name: required(GET_WEB_ACL_FOR_RESOURCE, 'WebACL.Name', acl.Name),
    arn: required(GET_WEB_ACL_FOR_RESOURCE, 'WebACL.ARN', acl.ARN),
    rules: (acl.Rules ?? []).map(toRule),
    firewallManagerGroups:
      (acl.PreProcessFirewallManagerRuleGroups?.length ?? 0) +
      (acl.PostProcessFirewallManagerRuleGroups?.length ?? 0),
  };
}
