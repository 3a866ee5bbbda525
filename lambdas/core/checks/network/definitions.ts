import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { type Outcome, settle, succeeded } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { networkCatalogue } from './catalogue';
import { isPrivateLoadBalancerNode, isUntaggedTaskInterface, ownerOf } from './owner';
import type { NetworkInterface } from './ports';
import { judgeFlowLogs } from './rules/network-configuration/flow-logs';
import { judgeOpenIngress } from './rules/network-configuration/open-ingress';

/** The check of "Network configuration secured". */
export const networkChecks: FamilyDefinitions<typeof networkCatalogue> = {
  'network-configuration': {
    ...networkCatalogue['network-configuration'],
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const ports = account.network;
      const every = await ports.listNetworkInterfaces();
      // A task interface without ECS's managed tags names no service: the service's own ECS
      // services' running tasks name theirs (only for a service's scope: the account takes them all).
      const services = scope.known('ecs:service') ?? [];
      const taskServices =
        services.length > 0 && every.some(isUntaggedTaskInterface)
          ? await ports.taskInterfaces(services)
          : undefined;
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
