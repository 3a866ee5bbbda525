import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { NetworkPorts } from '../../core/checks/network/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listEcsServices } from '../ecs-services';
import { listLoadBalancers } from '../load-balancing/elbv2';
import { flowLogs, listNetworkInterfaces, prefixListId, securityGroupRules } from './ec2';
import { taskInterfaces } from './ecs-tasks';

/** The network ports over the given clients (ECS's built when first needed); tests pass their own. */
export function networkPortsFromClient(
  client: EC2Client,
  elb: ElasticLoadBalancingV2Client,
  ecs: () => ECSClient,
): NetworkPorts {
  return {
    listNetworkInterfaces: () => listNetworkInterfaces(client),
    securityGroupRules: (groupIds) => securityGroupRules(client, groupIds),
    flowLogs: (vpcIds) => flowLogs(client, vpcIds),
    async internetFacingLoadBalancers() {
      const balancers = await listLoadBalancers(elb);
      // `arn:...:loadbalancer/app/<name>/<id>`: the part its nodes' descriptions name.
      return new Set(
        balancers
          .filter((lb) => lb.scheme === 'internet-facing')
          .map((lb) => lb.arn.slice(lb.arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length)),
      );
    },
    prefixListId: (name) => prefixListId(client, name),
    taskInterfaces: (services) => taskInterfaces(ecs(), services),
    listEcsServices: () => listEcsServices(ecs()),
  };
}

/**
 * The network ports backed by AWS; the EC2 and ELB clients are created once per call of this
 * factory, the ECS client when a service's Fargate tasks are first looked up.
 */
export function createAwsNetworkPorts(options: AwsClientOptions): NetworkPorts {
  const config = clientConfig(options);
  let ecs: ECSClient | undefined;
  return networkPortsFromClient(new EC2Client(config), new ElasticLoadBalancingV2Client(config), () => {
    ecs ??= new ECSClient(config);
    return ecs;
  });
}
