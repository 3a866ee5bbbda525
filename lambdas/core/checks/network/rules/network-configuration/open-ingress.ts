import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { partitionOfRegion } from '../../../../partition';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { networkFinding } from '../../finding';
import { isPrivateLoadBalancerNode, isPublicLoadBalancerNode } from '../../owner';
import type { NetworkInterface, SecurityGroupRule } from '../../ports';

type Settings = Pick<CheckSettings['network-configuration'], 'publicPorts'>;

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

const ICMP = new Set(['icmp', '1']);
const ICMPV6 = new Set(['icmpv6', '58']);

/**
 * ICMP messages path MTU discovery needs from anywhere: IPv4 "destination unreachable" (type 3,
 * whose code 4 is "fragmentation needed") and IPv6 "packet too big" (type 2). They are errors
 * about traffic the resource sent, and open no service: allowing them is advice, not exposure.
 */
function isPathMtuMessage(rule: SecurityGroupRule): boolean {
  return (
    (ICMP.has(rule.protocol) && rule.fromPort === 3) || (ICMPV6.has(rule.protocol) && rule.fromPort === 2)
  );
}

/** For ICMP, EC2 writes the type in FromPort and the code in ToPort (-1 for all). */
function describeIcmp(rule: SecurityGroupRule): string {
  const type = rule.fromPort;
  if (type === undefined || type === -1) return `${rule.protocol} every type`;
  const code = rule.toPort;
  return `${rule.protocol} type ${type} ${code === undefined || code === -1 ? '(every code)' : `code ${code}`}`;
}

/** `tcp 22`, `tcp 8000-8999`, `icmp type 8 (every code)`, `every protocol and port`. */
export function describeRule(rule: SecurityGroupRule): string {
  if (rule.protocol === '-1') return 'every protocol and port';
  if (ICMP.has(rule.protocol) || ICMPV6.has(rule.protocol)) return describeIcmp(rule);
  const all = rule.fromPort === undefined || rule.fromPort === -1;
  const ports = all
    ? 'every port'
    : rule.fromPort === rule.toPort
      ? `${rule.fromPort}`
      : `${rule.fromPort}-${rule.toPort}`;
  return `${rule.protocol} ${ports}`;
}

/** Whether every port of the rule is one of the public ports, over TCP or UDP. */
function onPublicPorts(rule: SecurityGroupRule, publicPorts: readonly number[]): boolean {
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return false;
  const { fromPort, toPort } = rule;
  if (fromPort === undefined || toPort === undefined || fromPort < 0 || toPort < fromPort) return false;
  if (toPort - fromPort >= publicPorts.length) return false;
  for (let port = fromPort; port <= toPort; port += 1) if (!publicPorts.includes(port)) return false;
  return true;
}

/**
 * `open-ingress`: a security group attached to the service's resources lets nobody in from anywhere
 * (`0.0.0.0/0`, `::/0`), except on the configured public ports (`publicPorts`) of a group attached
 * only to internet-facing load balancer nodes. A group also attached to anything else (a task, a
 * function, a database) gets no exception: the open port would reach it too. ICMP messages path
 * MTU discovery needs (IPv4 type 3, IPv6 type 2) are allowed from anywhere on any group. Any other
 * rule open to the internet: FAIL, each rule named. Rules that could not be read: ERROR, and so is a
 * group open on public ports of a load balancer without a public IPv4 when ELB could not say
 * whether it is internet-facing (`internetFacing`).
 */
export function judgeOpenIngress(
  groupId: string,
  attached: readonly NetworkInterface[],
  rules: Outcome<readonly SecurityGroupRule[]>,
  settings: Settings,
  internetFacing: Outcome<ReadonlySet<string>> = { ok: true, value: new Set() },
): Finding {
  const first = attached[0] as NetworkInterface;
  const arn = `arn:${partitionOfRegion(first.region)}:ec2:${first.region}:${first.ownerId}:security-group/${groupId}`;
  const evidence = {
    groupId,
    attachedTo: attached.map((eni) => eni.id),
    publicPorts: settings.publicPorts,
  };
  if (!rules.ok) return errorFinding(networkFinding, 'open-ingress', arn, rules.error, evidence);
  const facing = internetFacing.ok ? internetFacing.value : new Set<string>();
  const onlyPublicBalancers = attached.every((eni) => isPublicLoadBalancerNode(eni, facing));
  const open = rules.value.filter(
    (rule) =>
      rule.groupId === groupId &&
      !rule.egress &&
      (ANYWHERE.has(rule.cidrIpv4 ?? '') || ANYWHERE.has(rule.cidrIpv6 ?? '')),
  );
  const words = (rule: SecurityGroupRule) =>
    `${describeRule(rule)} from ${rule.cidrIpv4 ?? rule.cidrIpv6} (${rule.id})`;
  const allowed = open.filter(
    (rule) => isPathMtuMessage(rule) || (onlyPublicBalancers && onPublicPorts(rule, settings.publicPorts)),
  );
  const refused = open.filter((rule) => !allowed.includes(rule));
  const unknownScheme =
    !internetFacing.ok &&
    attached.some(isPrivateLoadBalancerNode) &&
    refused.some((rule) => onPublicPorts(rule, settings.publicPorts));
  if (!internetFacing.ok && unknownScheme) {
    return errorFinding(networkFinding, 'open-ingress', arn, internetFacing.error, evidence);
  }
  if (refused.length > 0) {
    return networkFinding('open-ingress', arn, {
      status: 'FAIL',
      message: `${groupId} lets anyone on the internet in: ${refused.map(words).join('; ')}.${
        onlyPublicBalancers ? '' : ' It is attached to more than internet-facing load balancers.'
      }`,
      evidence: { ...evidence, open: refused.map(words), allowed: allowed.map(words) },
      remediation: `Narrow the source of those rules to the load balancer's security group, a VPN or a prefix list (aws ec2 revoke-security-group-ingress --group-id ${groupId} --security-group-rule-ids ${refused.map((r) => r.id).join(' ')}); only an internet-facing load balancer's own group may be open, on the public ports (checks.network-configuration.publicPorts).`,
    });
  }
  return networkFinding('open-ingress', arn, {
    status: 'PASS',
    message:
      allowed.length === 0
        ? `${groupId} lets nobody in from the whole internet.`
        : `${groupId} is open to the internet only ${[
            ...(allowed.some((rule) => !isPathMtuMessage(rule))
              ? ['on the public ports of an internet-facing load balancer']
              : []),
            ...(allowed.some(isPathMtuMessage) ? ['to the ICMP messages path MTU discovery needs'] : []),
          ].join(' and ')}: ${allowed.map(words).join('; ')}.`,
    evidence: { ...evidence, allowed: allowed.map(words) },
  });
}
