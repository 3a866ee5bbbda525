import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { NetworkPorts } from '../../core/checks/network/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listLoadBalancers } from '../load-balancing/elbv2';
import { flowLogs, listNetworkInterfaces, securityGroupRules } from './ec2';

/** The network ports over the given clients; tests pass their own. */
export function networkPortsFromClient(client: EC2Client, elb: ElasticLoadBalancingV2Client): NetworkPorts {
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
  };
}

/** The network ports backed by AWS; the clients are created once per call of this factory. */
export function createAwsNetworkPorts(options: AwsClientOptions): NetworkPorts {
  const config = clientConfig(options);
  return networkPortsFromClient(new EC2Client(config), new ElasticLoadBalancingV2Client(config));
}
