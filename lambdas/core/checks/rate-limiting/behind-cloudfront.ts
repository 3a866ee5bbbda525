import type { Finding } from '../../findings';
import { errorFinding } from '../kit/finding';
import { type Outcome, settle } from '../kit/outcome';
import type { ListenerRule, LoadBalancer } from '../load-balancing/ports';
import type { SecurityGroupRule } from '../network/ports';
import type { AccountPorts } from '../types';
import type { Distribution, OriginHeader, OriginNames } from './distribution-ports';
import { rateLimitFinding } from './finding';
import type { WebAcl } from './ports';
import {
  distributionLabel,
  isWafV2Arn,
  judgeDistributionRateRule,
} from './rules/rate-limiting/distribution-rate-rule';

/*
 * An Application Load Balancer that is a CloudFront distribution's origin is rate limited by the
 * distribution's web ACL, as long as clients cannot go round it: its security groups let in only
 * CloudFront's origin-facing managed prefix list. A group that also lets in the internet (or a
 * source that cannot be told apart from it) is a bypass: the limit does not hold.
 */

/** The AWS-managed prefix list of CloudFront's addresses towards origins. */
export const CLOUDFRONT_ORIGIN_FACING = 'com.amazonaws.global.cloudfront.origin-facing';

/** Private and shared address space: a source there is inside the network, not the internet. */
const PRIVATE_V4 = [
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];
const isPrivate = (rule: SecurityGroupRule) =>
  (rule.cidrIpv4 !== undefined && PRIVATE_V4.some((p) => p.test(rule.cidrIpv4 as string))) ||
  (rule.cidrIpv6 !== undefined && /^f[cd]/i.test(rule.cidrIpv6));

/** What reaches the load balancer without CloudFront: its ingress from the internet or unknown lists. */
function bypasses(rules: readonly SecurityGroupRule[], cloudFrontList: string | undefined): string[] {
  return rules
    .filter((r) => !r.egress && r.referencedGroupId === undefined && !isPrivate(r))
    .filter((r) => r.prefixListId === undefined || r.prefixListId !== cloudFrontList)
    .map((r) => {
      const ports =
        r.fromPort === undefined || r.fromPort === -1
          ? 'every port'
          : r.fromPort === r.toPort
            ? `${r.fromPort}`
            : `${r.fromPort}-${r.toPort}`;
      const source = r.cidrIpv4 ?? r.cidrIpv6 ?? `prefix list ${r.prefixListId}`;
      return `${r.groupId} ${r.protocol === '-1' ? 'all' : r.protocol} ${ports} from ${source}`;
    });
}

/**
 * The headers of `headers` that every forwarding path of the listeners requires, when requests
 * without them are never forwarded: each listener's default rule does not forward, and every rule
 * that forwards requires one of the headers with exactly CloudFront's value (ALB compares header
 * values case-insensitively; a wildcard value is not the secret). Empty when a path lets others in.
 */
function guardingHeaders(rules: readonly ListenerRule[], headers: readonly OriginHeader[]): string[] {
  if (rules.length === 0 || headers.length === 0) return [];
  const used = new Set<string>();
  for (const rule of rules) {
    if (!rule.forwards) continue;
    if (rule.isDefault) return [];
    const guard = rule.headerConditions.find((c) =>
      headers.some(
        (h) =>
          h.name.toLowerCase() === c.name.toLowerCase() &&
          c.values.length > 0 &&
          c.values.every((v) => !/[*?]/.test(v) && v.toLowerCase() === h.value.toLowerCase()),
      ),
    );
    if (guard === undefined) return [];
    used.add(guard.name);
  }
  return [...used];
}

const NOWHERE: OriginNames = { cnames: [], addresses: [] };

/** Origins named by AWS's own domains are matched by name alone: DNS would say nothing more. */
const isAwsDomain = (domain: string) =>
  /\.(amazonaws\.com|cloudfront\.net|amazonaws\.com\.cn)$/i.test(domain);

/**
 * The distributions' origins that are custom domain names of the load balancer: a CNAME chain that
 * reaches its DNS name, or the very addresses its DNS name has (a Route 53 alias). Asked only of
 * enabled distributions with a WAFv2 web ACL, when none names the load balancer itself.
 */
async function originsByDns(
  lb: string,
  distributions: readonly Distribution[],
  origins: CloudFrontOrigins,
): Promise<{ d: Distribution; via: string }[]> {
  const candidates = distributions.flatMap((d) =>
    d.enabled && d.webAclId !== undefined && isWafV2Arn(d.webAclId)
      ? (d.originDomains ?? []).filter((o) => !isAwsDomain(o)).map((via) => ({ d, via }))
      : [],
  );
  if (candidates.length === 0) return [];
  const own = await origins.names(lb);
  const matched: { d: Distribution; via: string }[] = [];
  for (const candidate of candidates) {
    const names = await origins.names(candidate.via);
    const byName = names.cnames.some((n) => n === lb || n === `dualstack.${lb}`);
    const byAddress =
      names.addresses.length > 0 &&
      own.addresses.length > 0 &&
      names.addresses.every((a) => own.addresses.includes(a));
    if (byName || byAddress) matched.push(candidate);
  }
  return matched;
}

/** Reads, once per check run, what judging load balancers behind CloudFront needs. */
export function cloudFrontOrigins(account: Pick<AccountPorts, 'waf' | 'network'>) {
  let distributions: Promise<Outcome<Distribution[]>> | undefined;
  let prefixList: Promise<Outcome<string | undefined>> | undefined;
  const acls = new Map<string, Promise<Outcome<WebAcl>>>();
  const names = new Map<string, Promise<OriginNames>>();
  return {
    /** What a name leads to in DNS, once per name; nothing when DNS is not asked or fails. */
    names: (domain: string): Promise<OriginNames> => {
      const key = domain.toLowerCase();
      let read = names.get(key);
      if (read === undefined) {
        const resolve = account.waf.originNames?.bind(account.waf);
        read =
          resolve === undefined ? Promise.resolve(NOWHERE) : resolve(key).catch((): OriginNames => NOWHERE);
        names.set(key, read);
      }
      return read;
    },
    distributions: () => {
      distributions ??= settle(() => account.waf.listDistributions());
      return distributions;
    },
    prefixList: () => {
      prefixList ??= settle(() => account.network.prefixListId(CLOUDFRONT_ORIGIN_FACING));
      return prefixList;
    },
    acl: (arn: string) => {
      let read = acls.get(arn);
      if (read === undefined) {
        read = settle(() => account.waf.cloudFrontWebAcl(arn));
        acls.set(arn, read);
      }
      return read;
    },
  };
}
export type CloudFrontOrigins = ReturnType<typeof cloudFrontOrigins>;

/**
 * The load balancer's `rate-based-rule` when its own web ACL does not limit rates (`own`, not a PASS):
 * if an enabled distribution whose web ACL limits rates has it as an origin (by its DNS name), PASS
 * naming the distribution when its security groups let in only CloudFront's origin-facing prefix list,
 * WARN naming each bypass otherwise. No such distribution (or the listing failed): `own`, unchanged.
 * The groups' rules or the prefix list that could not be read: ERROR (whether it can be bypassed is
 * unknown).
 */
export async function behindCloudFront(
  lb: LoadBalancer,
  own: Finding,
  origins: CloudFrontOrigins,
  account: Pick<AccountPorts, 'network' | 'loadBalancing'>,
): Promise<Finding> {
  if (own.status === 'PASS' || lb.dnsName === undefined) return own;
  const dns = lb.dnsName.toLowerCase();
  const listed = await origins.distributions();
  if (!listed.ok) return own;
  const named = listed.value
    .filter((d) => d.enabled && (d.originDomains ?? []).some((o) => o.toLowerCase() === dns))
    .map((d) => ({ d, via: undefined as string | undefined }));
  const fronting = named.length > 0 ? named : await originsByDns(dns, listed.value, origins);
  let limiting: { d: Distribution; via: string | undefined; finding: Finding } | undefined;
  for (const { d, via } of fronting) {
    if (d.webAclId === undefined || !isWafV2Arn(d.webAclId)) continue;
    const finding = judgeDistributionRateRule(d, await origins.acl(d.webAclId));
    if (finding.status === 'PASS') {
      limiting = { d, via, finding };
      break;
    }
  }
  if (limiting === undefined) return own;
  const { d, via } = limiting;
  const through =
    via === undefined
      ? distributionLabel(d)
      : `${distributionLabel(d)} (its origin ${via} leads to ${lb.name} in DNS)`;
  const evidence = {
    loadBalancer: lb.name,
    scheme: lb.scheme ?? null,
    distribution: d.id,
    ...(via === undefined ? {} : { originDomain: via }),
    distributionLimit: limiting.finding.message,
    securityGroups: lb.securityGroups ?? [],
  };
  const groups = lb.securityGroups ?? [];
  const [rules, list] = await Promise.all([
    settle(() => account.network.securityGroupRules(groups)),
    origins.prefixList(),
  ]);
  if (!rules.ok) return errorFinding(rateLimitFinding, 'rate-based-rule', lb.arn, rules.error, evidence);
  if (!list.ok) return errorFinding(rateLimitFinding, 'rate-based-rule', lb.arn, list.error, evidence);
  const open = groups.length === 0 ? ['no security group was listed'] : bypasses(rules.value, list.value);
  if (open.length === 0) {
    return rateLimitFinding('rate-based-rule', lb.arn, {
      status: 'PASS',
      message: `${lb.name} has no web ACL of its own, but is reached only through ${through} (its security groups let in only CloudFront's origin-facing prefix list ${list.value}), whose web ACL limits rates: ${limiting.finding.message}`,
      evidence: { ...evidence, prefixList: list.value ?? null },
    });
  }
  const headers = d.originHeaders?.[via?.toLowerCase() ?? dns] ?? [];
  if (headers.length > 0 && account.loadBalancing.listenerRules !== undefined) {
    const listRules = account.loadBalancing.listenerRules.bind(account.loadBalancing);
    const rulesRead = await settle(() => listRules(lb.arn));
    if (!rulesRead.ok)
      return errorFinding(rateLimitFinding, 'rate-based-rule', lb.arn, rulesRead.error, evidence);
    const guards = guardingHeaders(rulesRead.value, headers);
    if (guards.length > 0) {
      return rateLimitFinding('rate-based-rule', lb.arn, {
        status: 'PASS',
        message: `${lb.name} has no web ACL of its own and its security groups let in more than CloudFront (${open.join('; ')}), but its listeners forward only requests carrying the secret header ${guards.join(', ')} that ${through} adds towards it, whose web ACL limits rates: ${limiting.finding.message}`,
        evidence: { ...evidence, prefixList: list.value ?? null, bypasses: open, originHeaders: guards },
      });
    }
  }
  return rateLimitFinding('rate-based-rule', lb.arn, {
    status: 'WARN',
    message: `${lb.name} is rate limited through ${through}, but can be reached without it: ${open.join('; ')}. A client going round CloudFront is not limited.`,
    evidence: { ...evidence, prefixList: list.value ?? null, bypasses: open },
    remediation: `Let into ${lb.name}'s security groups only CloudFront's origin-facing managed prefix list (${CLOUDFRONT_ORIGIN_FACING}), or have its listeners forward only requests carrying a secret custom header the distribution sends (default action a fixed 403), or associate a web ACL with a rate-based rule with the load balancer itself.`,
  });
}
