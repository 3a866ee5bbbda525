import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import type { LoadBalancer } from '../../../load-balancing/ports';
import { rateLimitFinding } from '../../finding';
import type { WebAcl } from '../../ports';

/** Actions that stop a client over its rate; `Count` only records it. */
const LIMITING = new Set(['Block', 'Captcha', 'Challenge']);

/** What a web ACL protects, as the rate-based-rule judgement names it. */
export interface ProtectedResource {
  readonly arn: string;
  /** How findings name it, e.g. `orders-api` or `orders-api stage prod`. */
  readonly name: string;
  /** What the web ACL is associated with, for the remediation, e.g. `the load balancer`. */
  readonly noun: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

/**
 * `rate-based-rule`: an internet-facing Application Load Balancer has a WAF web ACL with a
 * rate-based rule that blocks (or challenges) a client over its limit. No web ACL, or one without
 * any rate-based rule or rule group: FAIL. A rate-based rule that only counts: WARN. Blocking
 * rate-based rules that all have a scope-down statement (they count only the requests that match,
 * e.g. one path): WARN, every other request is unlimited. No rate-based
 * rule of its own but rule groups (managed, own or Firewall Manager's), whose rules are not read:
 * WARN, saying what could not be seen. The association that could not be read: ERROR.
 */
export function judgeRateBasedRule(lb: LoadBalancer, acl: Outcome<WebAcl | undefined>): Finding {
  return judgeWebAclRateRule(
    {
      arn: lb.arn,
      name: lb.name,
      noun: 'the load balancer',
      evidence: { loadBalancer: lb.name, scheme: lb.scheme ?? null },
    },
    acl,
  );
}

/** The rate-based-rule judgement of any resource a web ACL protects (see {@link judgeRateBasedRule}). */
export function judgeWebAclRateRule(subject: ProtectedResource, acl: Outcome<WebAcl | undefined>): Finding {
  const { name } = subject;
  const base = subject.evidence;
  if (!acl.ok) return errorFinding(rateLimitFinding, 'rate-based-rule', subject.arn, acl.error, base);
  if (acl.value === undefined) {
    return rateLimitFinding('rate-based-rule', subject.arn, {
      status: 'FAIL',
      message: `${name} faces the internet without a WAF web ACL: nothing limits how fast a client may call it.`,
      evidence: { ...base, webAcl: null },
      remediation: `Associate a WAF web ACL with a rate-based rule (action Block, a limit per client IP over 1 to 10 minutes) with ${subject.noun}.`,
    });
  }
  const web = acl.value;
  const rateRules = web.rules.filter((r) => r.rateLimit !== undefined);
  const limiting = rateRules.filter((r) => LIMITING.has(r.action ?? ''));
  const groups = web.rules.filter((r) => r.ruleGroup !== undefined).map((r) => r.ruleGroup as string);
  const evidence = {
    ...base,
    webAcl: web.name,
    webAclArn: web.arn,
    rateRules: rateRules.map((r) => ({ name: r.name, action: r.action ?? null, ...r.rateLimit })),
    ruleGroups: groups,
    firewallManagerGroups: web.firewallManagerGroups,
  };
  const first = limiting.find((r) => r.rateLimit?.scopedDown !== true);
  if (first?.rateLimit !== undefined) {
    return rateLimitFinding('rate-based-rule', subject.arn, {
      status: 'PASS',
      message: `${name}: web ACL ${web.name} limits each client to ${first.rateLimit.limit} requests per ${first.rateLimit.windowSeconds / 60} min (rule ${first.name}, ${first.action}).`,
      evidence,
    });
  }
  if (limiting.length > 0) {
    return rateLimitFinding('rate-based-rule', subject.arn, {
      status: 'WARN',
      message: `${name}: web ACL ${web.name} limits only the requests its rate-based rules' scope-down statements match (${limiting.map((r) => r.name).join(', ')}): every other request is unlimited.`,
      evidence,
      remediation:
        'Add a rate-based rule without a scope-down statement (action Block, a higher limit per client IP) to cap every request, next to the scoped ones.',
    });
  }
  if (rateRules.length > 0) {
    return rateLimitFinding('rate-based-rule', subject.arn, {
      status: 'WARN',
      message: `${name}: web ACL ${web.name} has rate-based rules that only count (${rateRules.map((r) => r.name).join(', ')}): no client is stopped.`,
      evidence,
      remediation:
        'Once the counts show a limit that spares real users, switch the rule to Block (or Challenge).',
    });
  }
  const unseen = groups.length + web.firewallManagerGroups;
  if (unseen > 0) {
    return rateLimitFinding('rate-based-rule', subject.arn, {
      status: 'WARN',
      message: `${name}: web ACL ${web.name} has no rate-based rule of its own; ${unseen} rule group(s) were not read and may hold one.`,
      evidence,
      remediation: `Add a rate-based rule to the web ACL itself, so the limit is visible where ${subject.noun} is protected.`,
    });
  }
  return rateLimitFinding('rate-based-rule', subject.arn, {
    status: 'FAIL',
    message: `${name}: web ACL ${web.name} has no rate-based rule: nothing limits how fast a client may call it.`,
    evidence,
    remediation: 'Add a rate-based rule (action Block, a limit per client IP) to the web ACL.',
  });
}

/**
 * WAF protects Application Load Balancers only: an internet-facing Network Load Balancer cannot be
 * judged here, and the finding says so rather than passing it.
 */
export function unprotectableFinding(lb: LoadBalancer): Finding {
  return rateLimitFinding('rate-based-rule', lb.arn, {
    status: 'WARN',
    message: `${lb.name} is an internet-facing ${lb.type ?? 'unknown'} load balancer: WAF cannot attach to it, so its rate limiting (if any, in the service behind it) could not be seen.`,
    evidence: { loadBalancer: lb.name, type: lb.type ?? null, scheme: lb.scheme ?? null },
    remediation:
      'Put an Application Load Balancer, API Gateway or CloudFront with a WAF rate-based rule in front of it, or attest how the service limits rates.',
  });
}
