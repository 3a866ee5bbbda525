import { type CheckScope, WHOLE_ACCOUNT } from '../../scope/check-scope';
import { type Outcome, settle, succeeded } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { networkCatalogue } from './catalogue';
import { isEcsTaskInterface, isPrivateLoadBalancerNode, isUntaggedTaskInterface, ownerOf } from './owner';
import type { EcsServiceRef, NetworkInterface, NetworkPorts } from './ports';
import { judgeFlowLogs } from './rules/network-configuration/flow-logs';
import { judgeOpenIngress } from './rules/network-configuration/open-ingress';

/** `service/<name>`: a service ARN in ECS's old format, which names no cluster. */
const isOldFormatServiceArn = (arn: string) => /:service\/[^/]+$/.test(arn);

/**
 * The ECS services of a service's scope whose tasks must name their interfaces: a task interface
 * without ECS's managed tags names no service, and tags name a service by the new-format ARN only.
 * The services the scope knows by a new-format ARN are taken from it; those it holds in the old
 * format or by name alone are found in ECS's listing (only for a service's scope: the account takes
 * every interface). `undefined` when no interface needs it.
 */
async function serviceTasksInterfaces(
  ports: NetworkPorts,
  scope: CheckScope,
  every: readonly NetworkInterface[],
): Promise<Map<string, string> | undefined> {
  if (scope.service === undefined || !every.some(isEcsTaskInterface)) return undefined;
  const known = scope.known('ecs:service') ?? [];
  const untagged = every.some(isUntaggedTaskInterface);
  if (!untagged && !known.some(isOldFormatServiceArn)) return undefined;
  const services = new Map<string, EcsServiceRef>();
  for (const arn of known) {
    const match = /:service\/([^/]+)\/([^/]+)$/.exec(arn);
    if (match !== null) services.set(arn, { arn, clusterArn: match[1] as string, name: match[2] as string });
  }
  for (const listed of await ports.listEcsServices()) {
    if (!services.has(listed.arn) && scope.includes({ arn: listed.arn, names: [listed.name] }))
      services.set(listed.arn, listed);
  }
  return services.size === 0 ? new Map() : ports.taskInterfaces([...services.values()]);
}

/** The check of "Network configuration secured". */
export const networkChecks: FamilyDefinitions<typeof networkCatalogue> = {
  'network-configuration': {
    ...networkCatalogue['network-configuration'],
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const ports = account.network;
      const every = await ports.listNetworkInterfaces();
      const taskServices = await serviceTasksInterfaces(ports, scope, every);
      const own = scope.select(every, (eni) => ownerOf(eni, taskServices));
      if (own.length === 0) return [];
      // Who else carries a group decides its exception: an open port reaches every interface it is on.
      const carriers = new Map<string, NetworkInterface[]>();
      for (const eni of every) {
        for (const group of eni.securityGroupIds) carriers.set(group, [...(carriers.get(group) ?? []), eni]);
      }
      const groups = [...new Set(own.flatMap((eni) => eni.securityGroupIds))].sort();
      const vpcs = [...new Map(own.map((eni) => [eni.vpcId, eni])).values()].sort((a, b) =>
        a.vpcId.localeCompare(b.vpcId),
      );
      // Flow logs of the VPCs, and of the subnets and interfaces, which cover what they log.
      const logged = [
        ...new Set([
          ...vpcs.map((eni) => eni.vpcId),
          ...own.flatMap((eni) => eni.subnetId ?? []),
          ...own.map((eni) => eni.id),
        ]),
      ];
      // ELB is asked only when a load balancer node has no public IPv4 (internal, or IPv6-only).
      const unsure = groups.some((group) => (carriers.get(group) ?? []).some(isPrivateLoadBalancerNode));
      const none: Outcome<ReadonlySet<string>> = succeeded(new Set());
      const [rules, logs, internetFacing] = await Promise.all([
        settle(() => ports.securityGroupRules(groups)),
        settle(() => ports.flowLogs(logged)),
        unsure ? settle(() => ports.internetFacingLoadBalancers()) : none,
      ]);
      return [
        ...groups.map((group) =>
          judgeOpenIngress(group, carriers.get(group) ?? [], rules, settings, internetFacing),
        ),
        ...vpcs.map((eni) =>
          judgeFlowLogs(
            { id: eni.vpcId, region: eni.region, ownerId: eni.ownerId },
            own.filter((other) => other.vpcId === eni.vpcId),
            logs,
          ),
        ),
      ];
    },
  },
};
