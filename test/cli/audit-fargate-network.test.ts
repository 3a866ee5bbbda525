import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeFlowLogsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  type DescribeSecurityGroupRulesCommandInput,
} from '@aws-sdk/client-ec2';
import {
  DescribeTasksCommand,
  type DescribeTasksCommandInput,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  type ListTasksCommandInput,
} from '@aws-sdk/client-ecs';
import {
  GetResourcesCommand,
  type GetResourcesCommandInput,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditTaggedService, taggedServiceConfigFile } from '../support/tagged-service-audit';

/*
 * `preflight audit --service orders --checks network-configuration` where the service runs on
 * Fargate: each task has a network interface ECS creates (`InterfaceType: interface`, requester-
 * managed, described as the task's attachment `arn:aws:ecs:…:attachment/<id>`), carrying the groups
 * of the service's network configuration. The service's own tasks' interfaces, and only those, are
 * judged: their groups and their VPC.
 */

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const CLUSTER = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod`;
const ORDERS = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/orders`;
/** The same service's ARN in ECS's old format (an account not opted into long ARNs): no cluster. */
const ORDERS_OLD = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/orders`;
const VPC = 'vpc-0f1e2d3c4b5a69788';
const group = (id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${id}`;

const account = stubHealthyAccount(new Date());
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
afterAll(() => {
  account.restore();
  tagging.restore();
});
const { mocks } = account;
const configFile = taggedServiceConfigFile(ACCOUNT, REGION);

interface Task {
  readonly service: string;
  readonly attachment: string;
  readonly eni: string;
  readonly group: string;
  /** `STOPPED` for a task ECS is stopping (its interface still attached); `RUNNING` when absent. */
  readonly desiredStatus?: string;
}
const TASKS: readonly Task[] = [
  {
    service: 'orders',
    attachment: '0b8e4f5a-1c2d-4e3f-9a8b-7c6d5e4f3a21',
    eni: 'eni-0aa0000000000001',
    group: 'sg-0orders000000001',
  },
  {
    service: 'payments',
    attachment: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c44',
    eni: 'eni-0bb0000000000002',
    group: 'sg-0payments0000002',
  },
];
const taskArn = (task: Task) =>
  `arn:aws:ecs:${REGION}:${ACCOUNT}:task/prod/${task.attachment.replaceAll('-', '')}`;

/** A Fargate task's interface as DescribeNetworkInterfaces answers it; with ECS managed tags, or without. */
const taskInterface = (task: Task, managedTags: boolean) => ({
  NetworkInterfaceId: task.eni,
  OwnerId: ACCOUNT,
  VpcId: VPC,
  SubnetId: 'subnet-0123456789abcdef0',
  AvailabilityZone: `${REGION}a`,
  Status: 'in-use' as const,
  InterfaceType: 'interface' as const,
  RequesterId: '578734482556',
  RequesterManaged: true,
  Description: `arn:aws:ecs:${REGION}:${ACCOUNT}:attachment/${task.attachment}`,
  Groups: [{ GroupId: task.group, GroupName: `${task.service}-tasks` }],
  Attachment: {
    AttachmentId: 'ela-attach-0123456789abcdef0',
    InstanceOwnerId: '578734482556',
    Status: 'attached' as const,
  },
  PrivateIpAddress: '10.0.1.23',
  TagSet: managedTags
    ? [
        { Key: 'aws:ecs:clusterName', Value: 'prod' },
        { Key: 'aws:ecs:serviceName', Value: task.service },
      ]
    : [],
});

/** Each group open on a port from anywhere: a FAIL for every group judged. */
function arrange(managedTags: boolean, tasks: readonly Task[] = TASKS, oldArns = false) {
  const serviceArn = (name: string) =>
    oldArns
      ? `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${name}`
      : `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/${name}`;
  mocks.ecs.on(ListClustersCommand).resolves({ clusterArns: [CLUSTER] });
  mocks.ecs.on(ListServicesCommand).resolves({ serviceArns: [serviceArn('orders'), serviceArn('payments')] });
  mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: tasks.map((task) => taskInterface(task, managedTags)),
  });
  mocks.ec2
    .on(DescribeSecurityGroupRulesCommand)
    .callsFake((input: DescribeSecurityGroupRulesCommandInput) => ({
      SecurityGroupRules: (input.Filters?.[0]?.Values ?? []).map((id, i) => ({
        SecurityGroupRuleId: `sgr-000000000000000${i}`,
        GroupId: id,
        GroupOwnerId: ACCOUNT,
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
        CidrIpv4: '0.0.0.0/0',
      })),
    }));
  mocks.ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
  // ECS: the service's running tasks, each with its network interface attachment.
  // ListTasks lists RUNNING tasks unless asked for another desired status; a cluster is required.
  mocks.ecs.on(ListTasksCommand).callsFake((input: ListTasksCommandInput) => {
    if (input.cluster !== CLUSTER && input.cluster !== 'prod')
      throw Object.assign(new Error('Cluster not found.'), { name: 'ClusterNotFoundException' });
    return {
      taskArns: tasks
        .filter((t) => t.service === input.serviceName)
        .filter((t) => (t.desiredStatus ?? 'RUNNING') === (input.desiredStatus ?? 'RUNNING'))
        .map(taskArn),
    };
  });
  mocks.ecs.on(DescribeTasksCommand).callsFake((input: DescribeTasksCommandInput) => ({
    tasks: tasks
      .filter((t) => input.tasks?.includes(taskArn(t)))
      .map((t) => ({
        taskArn: taskArn(t),
        clusterArn: CLUSTER,
        group: `service:${t.service}`,
        launchType: 'FARGATE',
        lastStatus: t.desiredStatus === 'STOPPED' ? 'DEACTIVATING' : 'RUNNING',
        desiredStatus: t.desiredStatus ?? 'RUNNING',
        attachments: [
          {
            id: t.attachment,
            type: 'ElasticNetworkInterface',
            status: 'ATTACHED',
            details: [
              { name: 'subnetId', value: 'subnet-0123456789abcdef0' },
              { name: 'networkInterfaceId', value: t.eni },
              { name: 'macAddress', value: '0a:1b:2c:3d:4e:5f' },
              { name: 'privateIPv4Address', value: '10.0.1.23' },
            ],
          },
        ],
      })),
    failures: [],
  }));
}

beforeEach(() => {
  account.install();
  tagging.reset();
  account.pipelineCaller(ACCOUNT);
  // The service's tag is on its ECS service (and ECS does not tag the tasks' interfaces with it).
  tagging.on(GetResourcesCommand).callsFake((input: GetResourcesCommandInput) => ({
    ResourceTagMappingList: input.ResourceTypeFilters?.includes('ecs:service')
      ? [{ ResourceARN: ORDERS, Tags: [{ Key: 'service', Value: 'orders' }] }]
      : [],
    PaginationToken: '',
  }));
});

const judged = async () => {
  const { report } = await auditTaggedService(configFile, 'network-configuration');
  return report.findings
    .filter((f) => f.checkId === 'network-configuration')
    .map((f) => `${f.rule} ${f.resource} ${f.status}`)
    .sort();
};

describe('preflight audit --service, network-configuration, on Fargate', () => {
  describe.each([
    ['with ECS managed tags on the interfaces', true],
    ['without ECS managed tags (found through the service’s tasks)', false],
  ])('task interfaces %s', (_case, managedTags) => {
    it("judges the service's own tasks' groups and VPC, and no other service's", async () => {
      arrange(managedTags);

      expect(await judged()).toEqual([
        `flow-logs arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC} FAIL`,
        `open-ingress ${group('sg-0orders000000001')} FAIL`,
      ]);
    });
  });

  it("is an ERROR naming the call when the service's tasks cannot be listed, never a pass", async () => {
    arrange(false);
    mocks.ecs.on(ListTasksCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: ecs:ListTasks'), {
        name: 'AccessDeniedException',
      }),
    );

    const { report } = await auditTaggedService(configFile, 'network-configuration');

    const findings = report.findings.filter((f) => f.checkId === 'network-configuration');
    expect(findings.map((f) => f.status)).toEqual(['ERROR']);
    expect(findings[0]?.message).toContain('ecs:ListTasks');
  });
});

describe('preflight audit --service, network-configuration, on Fargate as real accounts hold it', () => {
  const ordersOnly = [
    `flow-logs arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC} FAIL`,
    `open-ingress ${group('sg-0orders000000001')} FAIL`,
  ];

  it.each([
    ['with ECS managed tags', true],
    ['without ECS managed tags', false],
  ])(
    "finds the tasks of a service whose ARN is in ECS's old format (no cluster), %s",
    async (_case, managedTags) => {
      tagging.on(GetResourcesCommand).callsFake((input: GetResourcesCommandInput) => ({
        ResourceTagMappingList: input.ResourceTypeFilters?.includes('ecs:service')
          ? [{ ResourceARN: ORDERS_OLD, Tags: [{ Key: 'service', Value: 'orders' }] }]
          : [],
        PaginationToken: '',
      }));
      arrange(managedTags, TASKS, true);

      expect(await judged()).toEqual(ordersOnly);
    },
  );

  it('finds the tasks of a service the configuration names only by its name (resources.names)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'preflight-named-')), 'preflight.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        environments: { prod: { account: ACCOUNT, region: REGION } },
        services: { orders: { environments: ['prod'], resources: { names: ['orders'] } } },
      }),
    );
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });
    arrange(false);

    const { report } = await auditTaggedService(file, 'network-configuration');

    expect(
      report.findings
        .filter((f) => f.checkId === 'network-configuration')
        .map((f) => `${f.rule} ${f.resource} ${f.status}`)
        .sort(),
    ).toEqual(ordersOnly);
  });

  it('finds the interface of a task ECS is stopping (desired status STOPPED, interface still attached)', async () => {
    arrange(
      false,
      TASKS.map((t) => ({ ...t, desiredStatus: 'STOPPED' })),
    );

    expect(await judged()).toEqual(ordersOnly);
  });
});
