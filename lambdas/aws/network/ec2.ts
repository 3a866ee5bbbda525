import {
  DescribeManagedPrefixListsCommand,
  type EC2Client,
  paginateDescribeFlowLogs,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroupRules,
  type NetworkInterface as SdkNetworkInterface,
} from '@aws-sdk/client-ec2';
import type { FlowLog, NetworkInterface, SecurityGroupRule } from '../../core/checks/network/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const DESCRIBE_NETWORK_INTERFACES = 'ec2:DescribeNetworkInterfaces';
const DESCRIBE_SECURITY_GROUP_RULES = 'ec2:DescribeSecurityGroupRules';
const DESCRIBE_FLOW_LOGS = 'ec2:DescribeFlowLogs';
const DESCRIBE_PREFIX_LISTS = 'ec2:DescribeManagedPrefixLists';

/** The largest page of DescribeNetworkInterfaces, DescribeSecurityGroupRules and DescribeFlowLogs. */
export const EC2_PAGE_SIZE = 1000;
/** The most values EC2 takes in one filter. */
export const FILTER_VALUES = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An interface as the check reads it; a missing id, owner or VPC is a malformed answer. */
export function toNetworkInterface(eni: SdkNetworkInterface, region: string): NetworkInterface {
  return {
    id: required(
      DESCRIBE_NETWORK_INTERFACES,
      'NetworkInterfaces[].NetworkInterfaceId',
      eni.NetworkInterfaceId,
    ),
    ownerId: required(DESCRIBE_NETWORK_INTERFACES, 'NetworkInterfaces[].OwnerId', eni.OwnerId),
    vpcId: required(DESCRIBE_NETWORK_INTERFACES, 'NetworkInterfaces[].VpcId', eni.VpcId),
    ...(eni.SubnetId === undefined || eni.SubnetId === '' ? {} : { subnetId: eni.SubnetId }),
    region,
    description: eni.Description ?? '',
    ...(eni.InterfaceType === undefined ? {} : { interfaceType: eni.InterfaceType }),
    securityGroupIds: (eni.Groups ?? []).map((group) =>
      required(DESCRIBE_NETWORK_INTERFACES, 'NetworkInterfaces[].Groups[].GroupId', group.GroupId),
    ),
    publicIp: eni.Association?.PublicIp !== undefined,
    ...(eni.TagSet === undefined || eni.TagSet.length === 0
      ? {}
      : {
          tags: Object.fromEntries(
            eni.TagSet.flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])),
          ),
        }),
  };
}

/** Every network interface in use in the client's region, 1000 to a page. */
export async function listNetworkInterfaces(client: EC2Client): Promise<NetworkInterface[]> {
  const region = await callAws(DESCRIBE_NETWORK_INTERFACES, () => client.config.region());
  const interfaces = await collectPages(
    DESCRIBE_NETWORK_INTERFACES,
    paginateDescribeNetworkInterfaces(
      { client, pageSize: EC2_PAGE_SIZE },
      // An interface that is not in use carries nobody's traffic.
      { Filters: [{ Name: 'status', Values: ['in-use'] }] },
    ),
    (page) => page.NetworkInterfaces,
  );
  return readEach(
    DESCRIBE_NETWORK_INTERFACES,
    interfaces,
    (eni) => ({ names: [eni.NetworkInterfaceId] }),
    (eni) => toNetworkInterface(eni, region),
  );
}

/** Every rule of the given groups, 1000 to a page, 200 groups to a filter. */
export async function securityGroupRules(
  client: EC2Client,
  groupIds: readonly string[],
): Promise<SecurityGroupRule[]> {
  const rules: SecurityGroupRule[] = [];
  for (const ids of chunks(groupIds, FILTER_VALUES)) {
    const page = await collectPages(
      DESCRIBE_SECURITY_GROUP_RULES,
      paginateDescribeSecurityGroupRules(
        { client, pageSize: EC2_PAGE_SIZE },
        { Filters: [{ Name: 'group-id', Values: ids }] },
      ),
      (answer) => answer.SecurityGroupRules,
    );
    for (const rule of page) {
      const field = (name: string) => `SecurityGroupRules[].${name}`;
      rules.push({
        id: required(DESCRIBE_SECURITY_GROUP_RULES, field('SecurityGroupRuleId'), rule.SecurityGroupRuleId),
        groupId: required(DESCRIBE_SECURITY_GROUP_RULES, field('GroupId'), rule.GroupId),
        egress: required(DESCRIBE_SECURITY_GROUP_RULES, field('IsEgress'), rule.IsEgress),
        protocol: required(DESCRIBE_SECURITY_GROUP_RULES, field('IpProtocol'), rule.IpProtocol),
        ...(rule.FromPort === undefined ? {} : { fromPort: rule.FromPort }),
        ...(rule.ToPort === undefined ? {} : { toPort: rule.ToPort }),
        ...(rule.CidrIpv4 === undefined ? {} : { cidrIpv4: rule.CidrIpv4 }),
        ...(rule.CidrIpv6 === undefined ? {} : { cidrIpv6: rule.CidrIpv6 }),
        ...(rule.PrefixListId === undefined ? {} : { prefixListId: rule.PrefixListId }),
        ...(rule.ReferencedGroupInfo?.GroupId === undefined
          ? {}
          : { referencedGroupId: rule.ReferencedGroupInfo.GroupId }),
      });
    }
  }
  return rules;
}

/** Every flow log of the given VPCs, subnets and interfaces, 1000 to a page, 200 ids to a filter. */
export async function flowLogs(client: EC2Client, resourceIds: readonly string[]): Promise<FlowLog[]> {
  const logs: FlowLog[] = [];
  for (const ids of chunks(resourceIds, FILTER_VALUES)) {
    const page = await collectPages(
      DESCRIBE_FLOW_LOGS,
      paginateDescribeFlowLogs(
        { client, pageSize: EC2_PAGE_SIZE },
        { Filter: [{ Name: 'resource-id', Values: ids }] },
      ),
      (answer) => answer.FlowLogs,
    );
    for (const log of page) {
      logs.push({
        id: required(DESCRIBE_FLOW_LOGS, 'FlowLogs[].FlowLogId', log.FlowLogId),
        resourceId: required(DESCRIBE_FLOW_LOGS, 'FlowLogs[].ResourceId', log.ResourceId),
        status: required(DESCRIBE_FLOW_LOGS, 'FlowLogs[].FlowLogStatus', log.FlowLogStatus),
        ...(log.DeliverLogsStatus === undefined ? {} : { deliverStatus: log.DeliverLogsStatus }),
        ...(log.DeliverLogsErrorMessage === undefined ? {} : { deliverError: log.DeliverLogsErrorMessage }),
        ...(log.TrafficType === undefined ? {} : { trafficType: log.TrafficType }),
        ...(log.LogDestinationType === undefined ? {} : { destinationType: log.LogDestinationType }),
      });
    }
  }
  return logs;
}

/** The id of the AWS-managed prefix list of that name in the client's region (one call, one match at most). */
export async function prefixListId(client: EC2Client, name: string): Promise<string | undefined> {
  const answer = await callAws(DESCRIBE_PREFIX_LISTS, () =>
    client.send(
      new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [name] }] }),
    ),
  );
  return answer.PrefixLists?.find((list) => list.PrefixListName === name && list.OwnerId === 'AWS')
    ?.PrefixListId;
}
