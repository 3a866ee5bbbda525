import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkPortsFromClient } from '../../../lambdas/aws/network';
import { EC2_PAGE_SIZE, FILTER_VALUES } from '../../../lambdas/aws/network/ec2';
import { AwsCallError } from '../../../lambdas/core/errors';
import { type Ec2Reply, ec2Reply, LocalEc2Endpoint } from '../../support/local-ec2-endpoint';

/* The network adapter through the real EC2 client, against a local EC2 Query endpoint. */

let endpoint: LocalEc2Endpoint;
let client: EC2Client;
// These tests read EC2 only; an ECS call would fail against the local EC2 endpoint.
const ports = () =>
  networkPortsFromClient(
    client,
    new ElasticLoadBalancingV2Client({ region: 'us-east-1' }),
    () => new ECSClient({ endpoint: endpoint.url, region: 'eu-west-1' }),
  );

beforeEach(async () => {
  endpoint = await LocalEc2Endpoint.start();
  client = new EC2Client({
    endpoint: endpoint.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // Three attempts 5 ms apart: real retry logic, no real waiting.
    retryStrategy: new ConfiguredRetryStrategy(3, () => 5),
  });
});

afterEach(async () => {
  client.destroy();
  await endpoint.close();
});

const eni = (id: string, extra: Record<string, unknown> = {}) => ({
  networkInterfaceId: id,
  ownerId: '111122223333',
  vpcId: 'vpc-1',
  description: 'ELB app/web/50dc6c495c0c9188',
  interfaceType: 'interface',
  groupSet: [{ groupId: 'sg-1', groupName: 'web' }],
  ...extra,
});

describe('listNetworkInterfaces', () => {
  it('asks for interfaces in use, 1000 to a page, follows the token, and reads groups and public IPs', async () => {
    endpoint.script(
      'DescribeNetworkInterfaces',
      ec2Reply.ok('DescribeNetworkInterfaces', {
        networkInterfaceSet: [eni('eni-1', { association: { publicIp: '203.0.113.7' } })],
        nextToken: 't2',
      }),
      ec2Reply.ok('DescribeNetworkInterfaces', {
        networkInterfaceSet: [eni('eni-2', { description: undefined })],
      }),
    );

    expect(await ports().listNetworkInterfaces()).toEqual([
      {
        id: 'eni-1',
        ownerId: '111122223333',
        vpcId: 'vpc-1',
        region: 'eu-west-1',
        description: 'ELB app/web/50dc6c495c0c9188',
        interfaceType: 'interface',
        securityGroupIds: ['sg-1'],
        publicIp: true,
      },
      {
        id: 'eni-2',
        ownerId: '111122223333',
        vpcId: 'vpc-1',
        region: 'eu-west-1',
        description: '',
        interfaceType: 'interface',
        securityGroupIds: ['sg-1'],
        publicIp: false,
      },
    ]);
    const sent = endpoint.callsTo('DescribeNetworkInterfaces').map((c) => c.params);
    expect(sent[0]).toMatchObject({
      MaxResults: String(EC2_PAGE_SIZE),
      'Filter.1.Name': 'status',
      'Filter.1.Value.1': 'in-use',
    });
    expect(sent[0]?.NextToken).toBeUndefined();
    expect(sent[1]).toMatchObject({ MaxResults: String(EC2_PAGE_SIZE), NextToken: 't2' });
  });

  it('retries a throttle, then reads the page', async () => {
    endpoint.script(
      'DescribeNetworkInterfaces',
      ec2Reply.throttle(),
      ec2Reply.ok('DescribeNetworkInterfaces', { networkInterfaceSet: [eni('eni-1')] }),
    );
    expect(await ports().listNetworkInterfaces()).toHaveLength(1);
    expect(endpoint.callsTo('DescribeNetworkInterfaces')).toHaveLength(2);
  });
});

/** The three calls, each with a well-formed answer and a malformed one. */
const CALLS: ReadonlyArray<{
  action: string;
  read: () => Promise<unknown>;
  malformed: Ec2Reply;
}> = [
  {
    action: 'DescribeNetworkInterfaces',
    read: () => ports().listNetworkInterfaces(),
    malformed: ec2Reply.ok('DescribeNetworkInterfaces', {
      networkInterfaceSet: [eni('eni-1', { vpcId: undefined })],
    }),
  },
  {
    action: 'DescribeSecurityGroupRules',
    read: () => ports().securityGroupRules(['sg-1']),
    malformed: ec2Reply.ok('DescribeSecurityGroupRules', {
      securityGroupRuleSet: [{ securityGroupRuleId: 'sgr-1', groupId: 'sg-1', ipProtocol: 'tcp' }],
    }),
  },
  {
    action: 'DescribeFlowLogs',
    read: () => ports().flowLogs(['vpc-1']),
    malformed: ec2Reply.ok('DescribeFlowLogs', { flowLogSet: [{ flowLogId: 'fl-1', resourceId: 'vpc-1' }] }),
  },
];

describe.each(CALLS)('$action: the fault matrix', ({ action, read, malformed }) => {
  it.each<[string, () => Ec2Reply[], string]>([
    ['denied', () => [ec2Reply.denied()], 'access-denied'],
    [
      'throttled past the retries',
      () => [ec2Reply.throttle(), ec2Reply.throttle(), ec2Reply.throttle()],
      'throttled',
    ],
    ['answered without a field it always gives', () => [malformed], 'malformed-response'],
  ])(`fails closed naming ec2:${action} when %s`, async (_case, replies, kind) => {
    endpoint.script(action, ...replies());
    const error = await read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: `ec2:${action}`, kind });
  });
});

describe('securityGroupRules and flowLogs', () => {
  it('filter by group id, 200 groups to a filter, 1000 rules to a page, following the token', async () => {
    const groups = Array.from({ length: FILTER_VALUES + 1 }, (_, i) => `sg-${i}`);
    const rule = (id: string, groupId: string) => ({
      securityGroupRuleId: id,
      groupId,
      isEgress: false,
      ipProtocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      cidrIpv4: '0.0.0.0/0',
    });
    endpoint.script(
      'DescribeSecurityGroupRules',
      ec2Reply.ok('DescribeSecurityGroupRules', {
        securityGroupRuleSet: [rule('sgr-1', 'sg-0')],
        nextToken: 'n',
      }),
      ec2Reply.ok('DescribeSecurityGroupRules', {
        securityGroupRuleSet: [
          { ...rule('sgr-2', 'sg-1'), cidrIpv4: undefined, cidrIpv6: '::/0', isEgress: true },
        ],
      }),
      ec2Reply.ok('DescribeSecurityGroupRules', { securityGroupRuleSet: [rule('sgr-3', 'sg-200')] }),
    );

    expect(await ports().securityGroupRules(groups)).toEqual([
      {
        id: 'sgr-1',
        groupId: 'sg-0',
        egress: false,
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv4: '0.0.0.0/0',
      },
      {
        id: 'sgr-2',
        groupId: 'sg-1',
        egress: true,
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv6: '::/0',
      },
      {
        id: 'sgr-3',
        groupId: 'sg-200',
        egress: false,
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv4: '0.0.0.0/0',
      },
    ]);
    const sent = endpoint.callsTo('DescribeSecurityGroupRules').map((c) => c.params);
    expect(sent.map((p) => [p.MaxResults, p.NextToken, p['Filter.1.Name'], p['Filter.1.Value.1']])).toEqual([
      [String(EC2_PAGE_SIZE), undefined, 'group-id', 'sg-0'],
      [String(EC2_PAGE_SIZE), 'n', 'group-id', 'sg-0'],
      [String(EC2_PAGE_SIZE), undefined, 'group-id', 'sg-200'],
    ]);
    expect(sent[0]?.[`Filter.1.Value.${FILTER_VALUES}`]).toBe(`sg-${FILTER_VALUES - 1}`);
  });

  it('read the flow logs of the VPCs, filtered by resource id', async () => {
    endpoint.script(
      'DescribeFlowLogs',
      ec2Reply.ok('DescribeFlowLogs', {
        flowLogSet: [
          {
            flowLogId: 'fl-1',
            resourceId: 'vpc-1',
            flowLogStatus: 'ACTIVE',
            trafficType: 'ALL',
            logDestinationType: 's3',
          },
        ],
      }),
    );
    expect(await ports().flowLogs(['vpc-1'])).toEqual([
      { id: 'fl-1', resourceId: 'vpc-1', status: 'ACTIVE', trafficType: 'ALL', destinationType: 's3' },
    ]);
    expect(endpoint.callsTo('DescribeFlowLogs')[0]?.params).toMatchObject({
      MaxResults: String(EC2_PAGE_SIZE),
      'Filter.1.Name': 'resource-id',
      'Filter.1.Value.1': 'vpc-1',
    });
  });

  it('asks nothing for no groups or VPCs', async () => {
    expect(await ports().securityGroupRules([])).toEqual([]);
    expect(await ports().flowLogs([])).toEqual([]);
    expect(endpoint.calls).toEqual([]);
  });
});
