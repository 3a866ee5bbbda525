import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { networkFinding } from '../../finding';
import { isPublicLoadBalancerNode, partitionOf } from '../../owner';
import type { NetworkInterface, SecurityGroupRule } from '../../ports';

type Settings = Pick<CheckSettings['network-configuration'], 'publicPorts'>;

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/** `tcp 22`, `tcp 8000-8999`, `every protocol and port`. */
export function describeRule(rule: SecurityGroupRule): string {
  if (rule.protocol === '-1') return 'every protocol and port';
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
 * function, a database) gets no exception: the open port would reach it too. Any other rule open
 * to the internet: FAIL, each rule named. Rules that could not be read: ERROR.
 */
export function judgeOpenIngress(
  groupId: string,
  attached: readonly NetworkInterface[],
  rules: Outcome<readonly SecurityGroupRule[]>,
  settings: Settings,
): Finding {
  const first = attached[0] as NetworkInterface;
  const arn = `arn:${partitionOf(first.region)}:ec2:${first.region}:${first.ownerId}:security-group/${groupId}`;
  const evidence = {
    groupId,
    attachedTo: attached.map((eni) => eni.id),
    publicPorts: settings.publicPorts,
  };
  if (!rules.ok) return errorFinding(networkFinding, 'open-ingress', arn, rules.error, evidence);
  const onlyPublicBalancers = attached.every(isPublicLoadBalancerNode);
  const open = rules.value.filter(
    (rule) =>
      rule.groupId === groupId &&
      !rule.egress &&
      (ANYWHERE.has(rule.cidrIpv4 ?? '') || ANYWHERE.has(rule.cidrIpv6 ?? '')),
  );
  const words = (rule: SecurityGroupRule) =>
    `${describeRule(rule)} from ${rule.cidrIpv4 ?? rule.cidrIpv6} (${rule.id})`;
  const allowed = open.filter((rule) => onlyPublicBalancers && onPublicPorts(rule, settings.publicPorts));
  const refused = open.filter((rule) => !allowed.includes(rule));
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
        : `${groupId} is open to the internet only on the public ports of an internet-facing load balancer: ${allowed.map(words).join('; ')}.`,
    evidence: { ...evidence, allowed: allowed.map(words) },
  });
}
