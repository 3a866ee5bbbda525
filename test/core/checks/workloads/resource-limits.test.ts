import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { workloadChecks } from '../../../../lambdas/core/checks/workloads/definitions';
import type {
  EcsTaskDefinition,
  ServiceQuota,
  WorkloadsPorts,
} from '../../../../lambdas/core/checks/workloads/ports';
import { judgeFunctionLimits } from '../../../../lambdas/core/checks/workloads/rules/resource-limits/function-limits';
import {
  judgeServiceQuotas,
  peakUsage,
} from '../../../../lambdas/core/checks/workloads/rules/resource-limits/service-quotas';
import { judgeTaskDefinitionLimits } from '../../../../lambdas/core/checks/workloads/rules/resource-limits/task-definition-limits';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'eu-west-1:111122223333';
const fnArn = (name: string) => `arn:aws:lambda:${AT}:function:${name}`;
const tdArn = (name: string) => `arn:aws:ecs:${AT}:task-definition/${name}`;
const svcArn = (name: string) => `arn:aws:ecs:${AT}:service/prod/${name}`;
const CLUSTER = `arn:aws:ecs:${AT}:cluster/prod`;
const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'no');
const USE = { arn: tdArn('app:1'), services: ['app'] };
const SETTINGS = validateConfig({}).checks['resource-limits'];

const td = (fields: Partial<EcsTaskDefinition>): EcsTaskDefinition => ({
  arn: tdArn('app:1'),
  name: 'app:1',
  requiresCompatibilities: ['EC2'],
  containers: [],
  ...fields,
});
const c = (name: string, limits: { cpu?: number; memory?: number; memoryReservation?: number } = {}) => ({
  name,
  environment: [],
  secrets: [],
  ...limits,
});

describe('task-definition-limits', () => {
  it.each<[string, EcsTaskDefinition, 'WARN' | 'FAIL', string]>([
    [
      'Fargate task cpu and memory',
      td({ requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containers: [c('a')] }),
      'WARN',
      'PASS',
    ],
    [
      'EC2, every container bounded',
      td({ containers: [c('a', { cpu: 128, memory: 256 }), c('b', { cpu: 64, memoryReservation: 64 })] }),
      'WARN',
      'PASS',
    ],
    [
      'EC2, a container without memory',
      td({ containers: [c('a', { cpu: 128, memory: 256 }), c('b', { cpu: 64 })] }),
      'WARN',
      'FAIL',
    ],
    [
      'no compatibility named (EC2), nothing set',
      td({ requiresCompatibilities: [], containers: [c('a')] }),
      'WARN',
      'FAIL',
    ],
    [
      'task memory, containers without cpu',
      td({ memory: '512', containers: [c('a', { memory: 256 })] }),
      'WARN',
      'WARN',
    ],
    [
      'task memory, containers without cpu, missingCpu FAIL',
      td({ memory: '512', containers: [c('a')] }),
      'FAIL',
      'FAIL',
    ],
  ])('%s', (_case, definition, missingCpu, status) => {
    const finding = judgeTaskDefinitionLimits(USE, succeeded(definition), missingCpu);
    expect(finding).toMatchObject({
      checkId: 'resource-limits',
      rule: 'task-definition-limits',
      resource: USE.arn,
      status,
    });
    if (status !== 'PASS') expect(finding.remediation).toBeDefined();
  });

  it('names the container without memory and says what it risks on EC2', () => {
    const finding = judgeTaskDefinitionLimits(
      USE,
      succeeded(td({ containers: [c('sidecar', { cpu: 10 })] })),
      'WARN',
    );
    expect(finding.message).toMatch(/no task memory and no memory or memoryReservation on sidecar: on EC2/);
  });

  it('is ERROR, never PASS, when the definition could not be read', () => {
    const finding = judgeTaskDefinitionLimits(
      USE,
      { ok: false, error: denied('ecs:DescribeTaskDefinition') },
      'WARN',
    );
    expect(finding).toMatchObject({
      status: 'ERROR',
      evidence: { code: 'AccessDeniedException', services: ['app'] },
    });
    expect(finding.remediation).toContain('ecs:DescribeTaskDefinition');
  });
});

describe('function-limits', () => {
  const fn = (timeoutSeconds?: number, memoryMb?: number) => ({
    name: 'f',
    arn: fnArn('f'),
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    ...(memoryMb === undefined ? {} : { memoryMb }),
  });
  it.each<[number | undefined, number | undefined, 'WARN' | 'FAIL', string, RegExp | null]>([
    [10, 512, 'WARN', 'PASS', null],
    [3, 512, 'WARN', 'WARN', /timeout is left at the default 3 s/],
    [30, 128, 'WARN', 'WARN', /memory is left at the default 128 MB/],
    [3, 128, 'FAIL', 'FAIL', /default 3 s.*default 128 MB/],
    [900, 1024, 'WARN', 'WARN', /at the 900 s maximum/],
    [undefined, 512, 'WARN', 'ERROR', /gave no Timeout/],
    [30, undefined, 'WARN', 'ERROR', /gave no MemorySize/],
  ])('timeout %s s, memory %s MB (%s): %s', (timeout, memory, setting, status, message) => {
    const finding = judgeFunctionLimits(fn(timeout, memory), setting);
    expect(finding).toMatchObject({ rule: 'function-limits', status });
    if (message !== null) expect(finding.message).toMatch(message);
  });
});

const quota = (code: string, value: number, extra: Partial<ServiceQuota> = {}): ServiceQuota => ({
  arn: `arn:aws:servicequotas:${AT}:lambda/${code}`,
  serviceCode: 'lambda',
  quotaCode: code,
  quotaName: `quota ${code}`,
  value,
  usageMetric: { namespace: 'AWS/Usage', metricName: 'ResourceCount', dimensions: {}, statistic: 'Maximum' },
  ...extra,
});

describe('service-quotas', () => {
  const judge = (quotas: ServiceQuota[], usage: Record<string, number[]>, thresholds = SETTINGS) =>
    judgeServiceQuotas(quotas, succeeded(new Map(Object.entries(usage))), (q) => q.quotaCode, thresholds);

  it.each<[number, string]>([
    [79.9, 'PASS'],
    [80, 'WARN'],
    [94.9, 'WARN'],
    [95, 'FAIL'],
    [120, 'FAIL'],
  ])('usage at %s percent of the quota: %s', (percent, status) => {
    const findings = judge([quota('L-1', 1000)], { 'L-1': [1, percent * 10] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'service-quotas', status, evidence: { scope: 'account' } });
    if (status !== 'PASS') expect(findings[0]?.resource).toBe(quota('L-1', 1).arn);
  });

  it('follows the configured thresholds', () => {
    const findings = judge(
      [quota('L-1', 100)],
      { 'L-1': [70] },
      { ...SETTINGS, quotaWarnPercent: 60, quotaFailPercent: 70 },
    );
    expect(findings[0]).toMatchObject({ status: 'FAIL' });
  });

  it('reports each quota at or over the warning, and no PASS beside them', () => {
    const findings = judge([quota('L-1', 10), quota('L-2', 10), quota('L-3', 10)], {
      'L-1': [9],
      'L-2': [1],
      'L-3': [],
    });
    expect(findings.map((f) => `${f.resource} ${f.status}`)).toEqual([`${quota('L-1', 1).arn} WARN`]);
  });

  it('passes for the account naming the highest usage and the quotas without datapoints', () => {
    const findings = judge([quota('L-1', 10), quota('L-2', 10)], { 'L-1': [5], 'L-2': [] });
    expect(findings).toMatchObject([
      {
        status: 'PASS',
        resource: `arn:aws:servicequotas:${AT}:*`,
        evidence: {
          judged: 1,
          highest: { quotaCode: 'L-1', percent: 50 },
          withoutDatapoints: ['lambda/L-2'],
        },
      },
    ]);
  });

  it('warns, never passes, when no quota has a datapoint', () => {
    expect(judge([quota('L-1', 10)], { 'L-1': [] })).toMatchObject([{ status: 'WARN' }]);
  });

  it('judges nothing without a quota that has a usage metric and a value', () => {
    expect(judge([quota('L-1', 10, { usageMetric: undefined }), quota('L-2', 0)], {})).toEqual([]);
  });

  it('is ERROR when the usage could not be read', () => {
    const findings = judgeServiceQuotas(
      [quota('L-1', 10)],
      { ok: false, error: denied('cloudwatch:GetMetricData') },
      (q) => q.quotaCode,
      SETTINGS,
    );
    expect(findings).toMatchObject([{ status: 'ERROR', evidence: { scope: 'account' } }]);
    expect(findings[0]?.remediation).toContain('cloudwatch:GetMetricData');
  });

  it('spreads a rate quota’s per-minute sum over its period', () => {
    const rate = quota('L-R', 10, {
      periodSeconds: 1,
      usageMetric: { namespace: 'AWS/Usage', metricName: 'CallCount', dimensions: {}, statistic: 'Sum' },
    });
    expect(peakUsage(rate, [300, 540])).toBe(9);
    expect(peakUsage(quota('L-1', 10), [3, 7])).toBe(7);
    expect(peakUsage(quota('L-1', 10), [])).toBeUndefined();
  });
});

/* The definition through runCheck, with a service's scope. */

const CONFIG = validateConfig({
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: {
    orders: { environments: ['prod'], resources: { stacks: ['orders-prod'] } },
    billing: { environments: ['prod'], resources: { names: ['nothing-here'] } },
  },
});

function account(
  workloads: Partial<WorkloadsPorts>,
  listFunctions?: () => Promise<never[] | object[]>,
): AccountPorts {
  const scope: ScopePorts = {
    resourcesWithTags: async () => [],
    stackResources: async (stack) =>
      stack === 'orders-prod'
        ? [
            { logicalId: 'Fn', type: 'AWS::Lambda::Function', physicalId: 'orders-fn' },
            { logicalId: 'Svc', type: 'AWS::ECS::Service', physicalId: svcArn('orders') },
          ]
        : undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  const none = async () => {
    throw new Error('unexpected call');
  };
  const defaults: WorkloadsPorts = {
    listEcsServices: async () => [
      { arn: svcArn('orders'), name: 'orders', clusterArn: CLUSTER },
      { arn: svcArn('other'), name: 'other', clusterArn: CLUSTER },
    ],
    describeEcsServices: async (_cluster, arns) =>
      arns.map((arn) => ({
        arn,
        name: arn.split('/').pop() ?? '',
        clusterArn: CLUSTER,
        taskDefinitionArn: tdArn(`${arn.split('/').pop()}:1`),
      })),
    taskDefinition: async (arn) =>
      td({
        arn,
        name: arn.split('/').pop() ?? '',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containers: [c('a')],
      }),
    listServiceQuotas: async (code) => (code === 'lambda' ? [quota('L-1', 100)] : []),
    usage: async (queries) => new Map(queries.map((q) => [q.id, [50]])),
    secretExists: none,
    existingParameters: none,
  };
  return {
    tracing: {
      listFunctions:
        listFunctions ??
        (async () => [
          { name: 'orders-fn', arn: fnArn('orders-fn'), timeoutSeconds: 10, memoryMb: 256 },
          { name: 'other-fn', arn: fnArn('other-fn'), timeoutSeconds: 3, memoryMb: 128 },
        ]),
      listStateMachines: none,
      stateMachineTracing: none,
    },
    workloads: { ...defaults, ...workloads },
    scope,
  } as unknown as AccountPorts;
}

describe('the resource-limits check', () => {
  it('asks for the listings, the describes, the quotas, their usage, and the scope', () => {
    expect(workloadChecks['resource-limits'].permissions).toEqual([
      'lambda:ListFunctions',
      'ecs:ListClusters',
      'ecs:ListServices',
      'ecs:DescribeServices',
      'ecs:DescribeTaskDefinition',
      'servicequotas:ListServiceQuotas',
      'cloudwatch:GetMetricData',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("judges the stack's function and ECS service, describes no other, and the account's quotas once", async () => {
    const described: string[][] = [];
    const read: string[] = [];
    const listed: string[] = [];
    const ports = account({
      describeEcsServices: async (_cluster, arns) => {
        described.push([...arns]);
        return arns.map((arn) => ({
          arn,
          name: 'orders',
          clusterArn: CLUSTER,
          taskDefinitionArn: tdArn('orders:7'),
        }));
      },
      taskDefinition: async (arn) => {
        read.push(arn);
        return td({ arn, name: 'orders:7', memory: '512', containers: [c('a', { cpu: 64 })] });
      },
      listServiceQuotas: async (code) => {
        listed.push(code);
        return code === 'lambda' ? [quota('L-1', 100)] : [];
      },
    });
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('resource-limits', ports, CONFIG, NOW, { target });
    expect(described).toEqual([[svcArn('orders')]]);
    expect(read).toEqual([tdArn('orders:7')]);
    expect(listed.sort()).toEqual([...SETTINGS.quotaServiceCodes].sort());
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `function-limits ${fnArn('orders-fn')} PASS`,
      `task-definition-limits ${tdArn('orders:7')} PASS`,
      `service-quotas arn:aws:servicequotas:${AT}:* PASS`,
    ]);
  });

  it('reads a task definition shared by two services once', async () => {
    const read: string[] = [];
    const ports = account({
      describeEcsServices: async (_cluster, arns) =>
        arns.map((arn) => ({
          arn,
          name: arn.split('/').pop() ?? '',
          clusterArn: CLUSTER,
          taskDefinitionArn: tdArn('shared:1'),
        })),
      taskDefinition: async (arn) => {
        read.push(arn);
        return td({ arn, name: 'shared:1', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' });
      },
    });
    const result = await runCheck('resource-limits', ports, CONFIG, NOW);
    expect(read).toEqual([tdArn('shared:1')]);
    expect(result.findings.find((f) => f.rule === 'task-definition-limits')?.evidence).toMatchObject({
      services: ['orders', 'other'],
    });
  });

  it('reports the functions and quotas when ECS is denied, and an ERROR for the task definitions', async () => {
    const ports = account({
      listEcsServices: async () => {
        throw denied('ecs:ListClusters');
      },
    });
    const result = await runCheck('resource-limits', ports, CONFIG, NOW);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      'task-definition-limits * ERROR',
      `function-limits ${fnArn('orders-fn')} PASS`,
      `function-limits ${fnArn('other-fn')} WARN`,
      `service-quotas arn:aws:servicequotas:${AT}:* PASS`,
    ]);
    expect(result.findings[0]?.remediation).toContain('ecs:ListClusters');
  });

  it('keeps the other service codes when one listing is denied', async () => {
    const ports = account({
      listServiceQuotas: async (code) => {
        if (code === 'ec2') throw denied('servicequotas:ListServiceQuotas');
        return code === 'lambda' ? [quota('L-1', 100)] : [];
      },
    });
    const result = await runCheck('resource-limits', ports, CONFIG, NOW);
    const quotas = result.findings.filter((f) => f.rule === 'service-quotas');
    expect(quotas.map((f) => `${f.resource} ${f.status}`)).toEqual([
      'servicequotas/ec2 ERROR',
      `arn:aws:servicequotas:${AT}:* PASS`,
    ]);
  });

  it('reports an ERROR for the services of a cluster that could not be described, and judges the rest', async () => {
    const ports = account({
      describeEcsServices: async () => {
        throw denied('ecs:DescribeServices');
      },
    });
    const result = await runCheck('resource-limits', ports, CONFIG, NOW);
    expect(
      result.findings
        .filter((f) => f.rule === 'task-definition-limits')
        .map((f) => `${f.resource} ${f.status}`),
    ).toEqual([`${svcArn('orders')} ERROR`, `${svcArn('other')} ERROR`]);
    expect(result.findings.some((f) => f.rule === 'function-limits' && f.status === 'PASS')).toBe(true);
  });

  it('warns, never passes, when the service has no workload: no quota speaks for it', async () => {
    const ports = account({});
    const target = resolveTarget(CONFIG, { service: 'billing', environment: 'prod' });
    const result = await runCheck('resource-limits', ports, CONFIG, NOW, { target });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
  });

  it('leaves the quotas out when quotas is false', async () => {
    const config = validateConfig({ checks: { 'resource-limits': { quotas: false } } });
    const result = await runCheck('resource-limits', account({}), config, NOW);
    expect(result.findings.some((f) => f.rule === 'service-quotas')).toBe(false);
  });
});

describe('resource-limits settings', () => {
  it.each<[object, RegExp]>([
    [{ quotaWarnPercent: 96 }, /quotaWarnPercent to be less than quotaFailPercent/],
    [{ quotaFailPercent: 101 }, /percentage from 1 to 100/],
    [{ quotaServiceCodes: ['Lambda!'] }, /service code/],
    [{ quotaLookbackHours: 0 }, /hours from 1 to 168/],
  ])('refuses %j', (settings, message) => {
    expect(() => validateConfig({ checks: { 'resource-limits': settings } })).toThrow(message);
  });
});
