import { GetWebACLForResourceCommand, type Rule, type WAFV2Client, type WebACL } from '@aws-sdk/client-wafv2';
import type { WebAcl, WebAclRule } from '../../core/checks/rate-limiting/ports';
import { callAws } from '../call';
import { required } from '../required';

const GET_WEB_ACL_FOR_RESOURCE = 'wafv2:GetWebACLForResource';

function actionOf(rule: Rule): string | undefined {
  const action = rule.Action;
  if (action === undefined) return undefined;
  return Object.keys(action).find((key) => (action as Record<string, unknown>)[key] !== undefined);
}

function toRule(rule: Rule, call: string): WebAclRule {
  const statement = rule.Statement;
  const rate = statement?.RateBasedStatement;
  const group =
    statement?.ManagedRuleGroupStatement === undefined
      ? statement?.RuleGroupReferenceStatement?.ARN
      : `${statement.ManagedRuleGroupStatement.VendorName}/${statement.ManagedRuleGroupStatement.Name}`;
  const action = actionOf(rule);
  return {
    name: required(call, 'WebACL.Rules[].Name', rule.Name),
    ...(rate === undefined
      ? {}
      : {
          rateLimit: {
            limit: required(call, 'RateBasedStatement.Limit', rate.Limit),
            // WAF's default evaluation window is 5 minutes.
            windowSeconds: rate.EvaluationWindowSec ?? 300,
            scopedDown: rate.ScopeDownStatement !== undefined,
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
  return answer.WebACL === undefined ? undefined : toWebAcl(answer.WebACL, GET_WEB_ACL_FOR_RESOURCE);
}

/** A web ACL as WAFv2 answers it, reduced to what rate limiting needs; `call` names the IAM action in errors. */
export function toWebAcl(acl: WebACL, call: string): WebAcl {
  return {
    name: required(call, 'WebACL.Name', acl.Name),
    arn: required(call, 'WebACL.ARN', acl.ARN),
    rules: (acl.Rules ?? []).map((rule) => toRule(rule, call)),
    firewallManagerGroups:
      (acl.PreProcessFirewallManagerRuleGroups?.length ?? 0) +
      (acl.PostProcessFirewallManagerRuleGroups?.length ?? 0),
  };
}
