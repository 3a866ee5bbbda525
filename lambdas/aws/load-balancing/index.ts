import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancingPorts } from '../../core/checks/load-balancing/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listenerRules, listLoadBalancers, listTargetGroups, targetHealth } from './elbv2';

/** The load balancing ports over the given client; tests pass their own. */
export function loadBalancingPortsFromClient(client: ElasticLoadBalancingV2Client): LoadBalancingPorts {
  return {
    listTargetGroups: () => listTargetGroups(client),
    targetHealth: (arn) => targetHealth(client, arn),
    listLoadBalancers: () => listLoadBalancers(client),
    listenerRules: (arn) => listenerRules(client, arn),
  };
}

/** The load balancing ports backed by AWS; the client is created once per call of this factory. */
export function createAwsLoadBalancingPorts(options: AwsClientOptions): LoadBalancingPorts {
  return loadBalancingPortsFromClient(new ElasticLoadBalancingV2Client(clientConfig(options)));
}
