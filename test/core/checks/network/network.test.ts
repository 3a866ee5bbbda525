import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { networkChecks } from '../../../../lambdas/core/checks/network/definitions';
import { ownerOf } from '../../../../lambdas/core/checks/network/owner';
import type {
  FlowLog,
  NetworkInterface,
  NetworkPorts,
  SecurityGroupRule,
} from '../../../../lambdas/core/checks/network/ports';
import { judgeFlowLogs } from '../../../../lambdas/core/checks/network/rules/network-configuration/flow-logs';
import { judgeOpenIngress } from '../../../../lambdas/core/checks/network/rules/network-configuration/open-ingress';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-11-30T10:00:00Z');
const ACCOUNT = '111122223333';
const eni = (id: string, over: Partial<NetworkInterface> = {}): NetworkInterface => ({
  id,
  ownerId: ACCOUNT,
  vpcId: 'vpc-1',
  region: 'eu-west-1',
  description: 'ELB app/web/50dc6c495c0c9188',
  securityGroupIds: ['sg-1'],
  publicIp: true,
  ...over,
});
const LB_NODE = eni('eni-lb');
const FUNCTION = eni('eni-fn', {
  description: 'AWS Lambda VPC ENI-orders-fn-2b7f5e7a-41b3-4e66-8e74-1c9e3d5ff9b6',
  publicIp: false,
});
const INTERNAL_LB = eni('eni-int', { publicIp: false });
let ruleId = 0;
const ingress = (
  protocol: string,
  from: number | undefined,
  to: number | undefined,
  cidr: string,
): SecurityGroupRule => ({
  id: `sgr-${++ruleId}`,
  groupId: 'sg-1',
  egress: false,
  protocol,
  ...(from === undefined ? {} : { fromPort: from }),
  ...(to === undefined ? {} : { toPort: to }),
  ...(cidr.includes(':') ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
});
const SETTINGS = { publicPorts: [80, 443] };

describe('open-ingress', () => {
  it.each<[string, NetworkInterface[], SecurityGroupRule[], string]>([
    ['nothing open to the internet', [FUNCTION], [ingress('tcp', 8080, 8080, '10.0.0.0/16')], 'PASS'],
    [
      '443 and 80 of a public load balancer',
      [LB_NODE],
      [ingress('tcp', 443, 443, '0.0.0.0/0'), ingress('tcp', 80, 80, '::/0')],
      'PASS',
    ],
    [
      '22 of a public load balancer',
      [LB_NODE],
      [ingress('tcp', 443, 443, '0.0.0.0/0'), ingress('tcp', 22, 22, '0.0.0.0/0')],
      'FAIL',
    ],
    ['443 over IPv6 of a function', [FUNCTION], [ingress('tcp', 443, 443, '::/0')], 'FAIL'],
    ['443 of an internal load balancer', [INTERNAL_LB], [ingress('tcp', 443, 443, '0.0.0.0/0')], 'FAIL'],
    [
      '443 of a group the load balancer shares with a function',
      [LB_NODE, FUNCTION],
      [ingress('tcp', 443, 443, '0.0.0.0/0')],
      'FAIL',
    ],
    ['a port range covering 443', [LB_NODE], [ingress('tcp', 0, 65535, '0.0.0.0/0')], 'FAIL'],
    ['the range 80-443', [LB_NODE], [ingress('tcp', 80, 443, '0.0.0.0/0')], 'FAIL'],
    ['every protocol', [LB_NODE], [ingress('-1', undefined, undefined, '0.0.0.0/0')], 'FAIL'],
    [
      'an egress rule to anywhere',
      [FUNCTION],
      [{ ...ingress('-1', undefined, undefined, '0.0.0.0/0'), egress: true }],
      'PASS',
    ],
    [
      "another group's open rule",
      [FUNCTION],
      [{ ...ingress('tcp', 22, 22, '0.0.0.0/0'), groupId: 'sg-2' }],
      'PASS',
    ],
    ['a narrow range that is not the internet', [FUNCTION], [ingress('tcp', 22, 22, '0.0.0.0/1')], 'PASS'],
  ])('%s: %s', (_case, attached, rules, status) => {
    expect(judgeOpenIngress('sg-1', attached, succeeded(rules), SETTINGS)).toMatchObject({
      checkId: 'network-configuration',
      rule: 'open-ingress',
      resource: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-1`,
      status,
    });
  });

  it('names each open rule, and which ports the configuration allows', () => {
    const finding = judgeOpenIngress(
      'sg-1',
      [LB_NODE],
      succeeded([
        { ...ingress('tcp', 22, 22, '0.0.0.0/0'), id: 'sgr-ssh' },
        ingress('tcp', 443, 443, '0.0.0.0/0'),
      ]),
      SETTINGS,
    );
    expect(finding.message).toBe('sg-1 lets anyone on the internet in: tcp 22 from 0.0.0.0/0 (sgr-ssh).');
    expect(finding.remediation).toContain('--security-group-rule-ids sgr-ssh');
    expect(
      judgeOpenIngress('sg-1', [LB_NODE], succeeded([ingress('tcp', 8443, 8443, '0.0.0.0/0')]), {
        publicPorts: [8443],
      }).status,
    ).toBe('PASS');
    expect(
      judgeOpenIngress('sg-1', [LB_NODE], succeeded([ingress('tcp', 443, 443, '0.0.0.0/0')]), {
        publicPorts: [],
      }).status,
    ).toBe('FAIL');
  });

  it('is ERROR, never PASS, when the rules could not be read', () => {
    const denied = new AwsCallError(
      'ec2:DescribeSecurityGroupRules',
      'access-denied',
      'UnauthorizedOperation',
      'no',
    );
    expect(judgeOpenIngress('sg-1', [FUNCTION], { ok: false, error: denied }, SETTINGS)).toMatchObject({
      status: 'ERROR',
      message: expect.stringContaining('ec2:DescribeSecurityGroupRules'),
      evidence: { code: 'UnauthorizedOperation' },
    });
  });
});

describe('flow-logs', () => {
  const log = (status: string, trafficType: string, resourceId = 'vpc-1'): FlowLog => ({
    id: `fl-${status}-${trafficType}`,
    resourceId,
    status,
    trafficType,
  });
  const interfaces = [
    { id: 'eni-1', subnetId: 'subnet-a' },
    { id: 'eni-2', subnetId: 'subnet-a' },
    { id: 'eni-3', subnetId: 'subnet-b' },
  ];
  it.each<[string, FlowLog[], string]>([
    ['an active log of all traffic', [log('ACTIVE', 'ALL')], 'PASS'],
    ['an active log of rejected traffic only', [log('ACTIVE', 'REJECT')], 'WARN'],
    ['a log that does not deliver', [log('FAILED', 'ALL')], 'FAIL'],
    ['no log', [], 'FAIL'],
    ["another VPC's log", [log('ACTIVE', 'ALL', 'vpc-2')], 'FAIL'],
    [
      'logs of all traffic of both subnets',
      [log('ACTIVE', 'ALL', 'subnet-a'), log('ACTIVE', 'ALL', 'subnet-b')],
      'PASS',
    ],
    [
      'a log of one subnet and one of the other subnet’s interface',
      [log('ACTIVE', 'ALL', 'subnet-a'), log('ACTIVE', 'ALL', 'eni-3')],
      'PASS',
    ],
    ['a log of one of two subnets', [log('ACTIVE', 'ALL', 'subnet-a')], 'WARN'],
    [
      'a log of one interface of a subnet',
      [log('ACTIVE', 'ALL', 'eni-1'), log('ACTIVE', 'ALL', 'subnet-b')],
      'WARN',
    ],
    [
      'logs of both subnets, one of accepted traffic only',
      [log('ACTIVE', 'ALL', 'subnet-a'), log('ACTIVE', 'ACCEPT', 'subnet-b')],
      'WARN',
    ],
    ['a log of another subnet', [log('ACTIVE', 'ALL', 'subnet-c')], 'FAIL'],
  ])('%s: %s', (_case, logs, status) => {
    expect(
      judgeFlowLogs({ id: 'vpc-1', region: 'eu-west-1', ownerId: ACCOUNT }, interfaces, succeeded(logs)),
    ).toMatchObject({
      rule: 'flow-logs',
      resource: `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc/vpc-1`,
      status,
    });
  });

  it('names the subnets no flow log covers', () => {
    expect(
      judgeFlowLogs(
        { id: 'vpc-1', region: 'eu-west-1', ownerId: ACCOUNT },
        interfaces,
        succeeded([log('ACTIVE', 'ALL', 'subnet-a')]),
      ),
    ).toMatchObject({
      status: 'WARN',
      message: expect.stringContaining('subnet-b'),
      evidence: { uncovered: ['subnet-b'] },
    });
  });

  it('is ERROR when the flow logs could not be read', () => {
    const throttled = new AwsCallError('ec2:DescribeFlowLogs', 'throttled', 'RequestLimitExceeded', 'slow');
    expect(
      judgeFlowLogs({ id: 'vpc-1', region: 'eu-west-1', ownerId: ACCOUNT }, interfaces, {
        ok: false,
        error: throttled,
      }).status,
    ).toBe('ERROR');
  });
});

describe('ownerOf', () => {
  it.each([
    [
      'a load balancer node',
      LB_NODE,
      `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
    ],
    ['a function', FUNCTION, `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-fn`],
    [
      'anything else',
      eni('eni-9', { description: 'Primary network interface' }),
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:network-interface/eni-9`,
    ],
    [
      'in China',
      eni('eni-cn', { region: 'cn-north-1' }),
      `arn:aws-cn:elasticloadbalancing:cn-north-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
    ],
  ])('%s belongs to %s', (_case, given, arn) => {
    expect(ownerOf(given).arn).toBe(arn);
  });
});

describe('the network-configuration check', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: ACCOUNT, region: 'eu-west-1' } },
    services: {
      orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
      search: { environments: ['prod'], resources: { tags: { service: 'search' } } },
    },
  });
  const OTHER = eni('eni-other', {
    description: 'Primary network interface',
    securityGroupIds: ['sg-9'],
    vpcId: 'vpc-9',
  });
  const account = (ports: Partial<NetworkPorts>, tagged: string[]): AccountPorts => {
    const scope: ScopePorts = {
      resourcesWithTags: async (_tags, types) => (types.includes('lambda:function') ? tagged : []),
      stackResources: async () => undefined,
      location: async () => ({ partition: 'aws', accountId: ACCOUNT, region: 'eu-west-1' }),
    };
    return { network: ports, scope } as unknown as AccountPorts;
  };
  const target = (service: string) => resolveTarget(CONFIG, { service, environment: 'prod' });

  it("asks for the interfaces, the rules, the flow logs, the load balancers' schemes, a service's tasks and the scope", () => {
    expect(networkChecks['network-configuration'].permissions).toEqual([
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeFlowLogs',
      'elasticloadbalancing:DescribeLoadBalancers',
      'ecs:ListClusters',
      'ecs:ListServices',
      'ecs:ListTasks',
      'ecs:DescribeTasks',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("judges the groups and VPC of the service's own interfaces only; one source failing alone", async () => {
    const askedGroups: string[][] = [];
    const askedLogs: string[][] = [];
    const ports = account(
      {
        listNetworkInterfaces: async () => [FUNCTION, OTHER],
        securityGroupRules: async (ids) => {
          askedGroups.push([...ids]);
          return [ingress('tcp', 22, 22, '0.0.0.0/0')];
        },
        flowLogs: async (ids) => {
          askedLogs.push([...ids]);
          throw new AwsCallError('ec2:DescribeFlowLogs', 'access-denied', 'UnauthorizedOperation', 'no');
        },
      },
      [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-fn`],
    );
    const result = await runCheck('network-configuration', ports, CONFIG, NOW, { target: target('orders') });
    expect(askedGroups).toEqual([['sg-1']]);
    // The VPC's flow logs, and those of the service's own interfaces (which have no subnet here).
    expect(askedLogs).toEqual([['vpc-1', 'eni-fn']]);
    expect(result.findings.map((f) => `${f.rule} ${f.status}`)).toEqual([
      'open-ingress FAIL',
      'flow-logs ERROR',
    ]);
    expect(result.scope?.resources.map((r) => r.arn)).toEqual([
      `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-fn`,
    ]);
  });

  it('denies the exception to a group another interface of the account also carries', async () => {
    const shared = eni('eni-bastion', { description: 'Primary network interface', publicIp: true });
    const ports = account(
      {
        listNetworkInterfaces: async () => [LB_NODE, shared],
        securityGroupRules: async () => [ingress('tcp', 443, 443, '0.0.0.0/0')],
        flowLogs: async () => [{ id: 'fl-1', resourceId: 'vpc-1', status: 'ACTIVE', trafficType: 'ALL' }],
      },
      [],
    );
    const result = await runCheck('network-configuration', ports, { checks: CONFIG.checks }, NOW);
    expect(result.findings.find((f) => f.rule === 'open-ingress')?.status).toBe('FAIL');
  });

  it('warns, never passes, for a service with no interface', async () => {
    const ports = account({ listNetworkInterfaces: async () => [FUNCTION] }, []);
    const result = await runCheck('network-configuration', ports, CONFIG, NOW, { target: target('search') });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
  });

  it('is one ERROR naming the call when the interfaces cannot be listed', async () => {
    const ports = account(
      {
        listNetworkInterfaces: async () => {
          throw new AwsCallError(
            'ec2:DescribeNetworkInterfaces',
            'throttled',
            'RequestLimitExceeded',
            'slow',
          );
        },
      },
      [],
    );
    const result = await runCheck('network-configuration', ports, CONFIG, NOW, { target: target('orders') });
    expect(result.findings).toMatchObject([
      { rule: 'run', status: 'ERROR', message: expect.stringContaining('ec2:DescribeNetworkInterfaces') },
    ]);
  });
});
