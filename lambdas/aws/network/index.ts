import { EC2Client } from '@aws-sdk/client-ec2';
import type { NetworkPorts } from '../../core/checks/network/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { flowLogs, listNetworkInterfaces, securityGroupRules } from './ec2';

/** The network ports over the given client; tests pass their own. */
export function networkPortsFromClient(client: EC2Client): NetworkPorts {
  return {
    listNetworkInterfaces: () => listNetworkInterfaces(client),
    securityGroupRules: (groupIds) => securityGroupRules(client, groupIds),
    flowLogs: (vpcIds) => flowLogs(client, vpcIds),
  };
}

/** The network ports backed by AWS; the client is created once per call of this factory. */
export function createAwsNetworkPorts(options: AwsClientOptions): NetworkPorts {
  return networkPortsFromClient(new EC2Client(clientConfig(options)));
}
