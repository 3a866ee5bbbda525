import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../lambdas/core/checks/run';
import { storageChecks } from '../../../../lambdas/core/checks/storage/definitions';
import type {
  MetricIdentity,
  Point,
  SeriesQuery,
  StoragePorts,
} from '../../../../lambdas/core/checks/storage/ports';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'eu-west-1:111122223333';
const GIB = 1024 ** 3;
const week = (value: number): Point[] =>
  Array.from({ length: 168 }, (_, i) => ({ at: new Date(NOW.getTime() - (167 - i) * 3_600_000), value }));
const disk = (instance: string, path: string): MetricIdentity => ({
  namespace: 'CWAgent',
  metricName: 'disk_used_percent',
  dimensions: { InstanceId: instance, path, device: 'xvda1', fstype: 'xfs' },
});

const CONFIG = validateConfig({
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: {
    orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
    payments: { environments: ['prod'], resources: { stacks: ['payments-prod'] } },
    search: { environments: ['prod'], resources: { tags: { service: 'search' } } },
  },
});

/** Ports recording the queries asked; `fail` names a read that throws. */
function account(fail?: string) {
  const asked: SeriesQuery[][] = [];
  const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDenied', 'no');
  const storage: StoragePorts = {
    listDbInstances: async () => {
      if (fail === 'rds') throw denied('rds:DescribeDBInstances');
      return [
        {
          identifier: 'orders-db',
          arn: `arn:aws:rds:${AT}:db:orders-db`,
          engine: 'postgres',
          allocatedGiB: 100,
        },
        {
          identifier: 'ledger-db',
          arn: `arn:aws:rds:${AT}:db:ledger-db`,
          engine: 'mysql',
          allocatedGiB: 100,
        },
      ];
    },
    listMetrics: async (namespace) => {
      if (fail === 'metrics') throw denied('cloudwatch:ListMetrics');
      return namespace === 'CWAgent'
        ? [disk('i-orders', '/'), disk('i-orders', '/data'), disk('i-other', '/')]
        : [
            {
              namespace: 'AWS/ES',
              metricName: 'FreeStorageSpace',
              dimensions: { DomainName: 'logs', ClientId: '111122223333' },
            },
          ];
    },
    // i-orders and i-other run with the agent, i-agentless and i-batch without; i-gone is stopped.
    runningInstances: async () => {
      if (fail === 'running') throw denied('cloudwatch:ListMetrics');
      return ['i-orders', 'i-other', 'i-agentless', 'i-batch'];
    },
    series: async (queries) => {
      asked.push([...queries]);
      if (fail === 'series') {
        throw new AwsCallError('cloudwatch:GetMetricData', 'throttled', 'Throttling', 'Rate exceeded');
      }
      return new Map(
        queries.map((q) => [
          q.id,
          q.metric.namespace === 'CWAgent'
            ? week(q.metric.dimensions.path === '/data' ? 95 : 40)
            : week(60 * GIB),
        ]),
      );
    },
  };
  const scope: ScopePorts = {
    resourcesWithTags: async (tags) => {
      if (tags['aws:autoscaling:groupName'] === 'orders-workers') {
        if (fail === 'group') throw denied('tag:GetResources');
        // A running worker without the agent, one the group terminated, and one listed twice.
        return [
          `arn:aws:ec2:${AT}:instance/i-agentless`,
          `arn:aws:ec2:${AT}:instance/i-0fffffffffffffff0`,
          `arn:aws:ec2:${AT}:instance/i-orders`,
        ];
      }
      return tags.service === 'orders'
        ? [
            `arn:aws:rds:${AT}:db:orders-db`,
            `arn:aws:ec2:${AT}:instance/i-orders`,
            `arn:aws:es:${AT}:domain/logs`,
            `arn:aws:autoscaling:${AT}:autoScalingGroup:6f1c2d3e:autoScalingGroupName/orders-workers`,
          ]
        : [];
    },
    stackResources: async (stack) =>
      stack === 'payments-prod'
        ? [
            { logicalId: 'Batch', type: 'AWS::EC2::Instance', physicalId: 'i-batch' },
            { logicalId: 'Spare', type: 'AWS::EC2::Instance', physicalId: 'i-0123456789abcdef0' },
          ]
        : undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  return { ports: { storage, scope } as unknown as AccountPorts, asked };
}

const summary = (findings: readonly { rule: string; resource: string; status: string }[]) =>
  findings.map(
    (f) => `${f.rule} ${f.resource.replace(/^arn:aws:[a-z0-9]+:eu-west-1:111122223333:/, '')} ${f.status}`,
  );

describe('the disk-space check', () => {
  it('asks for the databases, the instances, the metrics and their data, and the scope', () => {
    expect(storageChecks['disk-space'].permissions).toEqual([
      'rds:DescribeDBInstances',
      'cloudwatch:ListMetrics',
      'cloudwatch:GetMetricData',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("judges the service's database, domain and host disks only, every series in one batch", async () => {
    const { ports, asked } = account();
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }),
    });
    expect(summary(result.findings)).toEqual([
      // A worker of its Auto Scaling group, running without the agent.
      'host-agent instance/i-agentless WARN',
      'free-space db:orders-db PASS',
      'trend db:orders-db PASS',
      'free-space domain/logs PASS',
      'trend domain/logs PASS',
      'free-space instance/i-orders:/ PASS',
      'trend instance/i-orders:/ PASS',
      'free-space instance/i-orders:/data FAIL',
      'trend instance/i-orders:/data PASS',
    ]);
    // One call for every series: nobody else's database or host is asked about.
    expect(asked).toHaveLength(1);
    expect(asked[0]?.map((q) => Object.values(q.metric.dimensions)[0])).toEqual([
      'orders-db',
      'logs',
      'i-orders',
      'i-orders',
    ]);
  });

  it('reports metric data that could not be read as ERROR for every volume, naming the call', async () => {
    const { ports } = account('series');
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }),
    });
    const volumes = result.findings.filter((f) => f.rule !== 'host-agent');
    expect(volumes).toHaveLength(8);
    for (const finding of volumes) {
      expect(finding).toMatchObject({
        status: 'ERROR',
        message: expect.stringContaining('cloudwatch:GetMetricData'),
      });
    }
  });

  it('lets a failed listing degrade only what it lists', async () => {
    const { ports } = account('rds');
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }),
    });
    expect(summary(result.findings)[0]).toBe('free-space rds:* ERROR');
    expect(result.findings[0]?.message).toContain('rds:DescribeDBInstances');
    expect(summary(result.findings).slice(1)).toContain('free-space instance/i-orders:/ PASS');
  });

  it('says the metric listing failed, never that there is nothing to judge', async () => {
    const { ports } = account('metrics');
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'payments', environment: 'prod' }),
    });
    expect(summary(result.findings)).toEqual(['free-space es:* ERROR', 'free-space CWAgent:* ERROR']);
  });

  it("warns for the running instances of the service's Auto Scaling groups without disk metrics", async () => {
    const { ports } = account();
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }),
    });
    const hosts = summary(result.findings).filter((line) => line.includes('instance/'));
    // i-orders is judged once; the terminated worker is the group's to replace, not a finding.
    expect(hosts).toEqual([
      'host-agent instance/i-agentless WARN',
      'free-space instance/i-orders:/ PASS',
      'trend instance/i-orders:/ PASS',
      'free-space instance/i-orders:/data FAIL',
      'trend instance/i-orders:/data PASS',
    ]);
    expect(result.scope?.resources.map((r) => r.arn)).toContain(
      `arn:aws:autoscaling:${AT}:autoScalingGroup:6f1c2d3e:autoScalingGroupName/orders-workers`,
    );
  });

  it("reports a group's instance query that failed as ERROR for that group, the rest judged", async () => {
    const { ports } = account('group');
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }),
    });
    const failed = result.findings.filter((f) => f.status === 'ERROR');
    expect(summary(failed)).toEqual([
      'host-agent autoScalingGroup:6f1c2d3e:autoScalingGroupName/orders-workers ERROR',
    ]);
    expect(failed[0]?.message).toContain('tag:GetResources');
    expect(summary(result.findings)).toContain('free-space instance/i-orders:/ PASS');
  });

  it("warns for each of the service's hosts without disk metrics: running, or named by its stack only", async () => {
    const { ports } = account();
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'payments', environment: 'prod' }),
    });
    expect(summary(result.findings)).toEqual([
      'host-agent instance/i-batch WARN',
      'host-agent instance/i-0123456789abcdef0 WARN',
    ]);
    expect(result.findings[0]?.message).toContain('runs but publishes no disk metrics');
    expect(result.findings[1]?.message).toContain('stopped or terminated?');
    // Why each host is the service's is kept as evidence.
    expect(result.scope?.resources.map((r) => r.why[0]?.by)).toEqual(['stack', 'stack']);
  });

  it('in the whole account, warns for every running host without disk metrics, judges those with', async () => {
    const { ports } = account();
    const result = await runCheck('disk-space', ports, CONFIG, NOW);
    const hosts = summary(result.findings).filter((line) => line.includes('instance/'));
    expect(hosts).toEqual([
      'host-agent instance/i-agentless WARN',
      'host-agent instance/i-batch WARN',
      'free-space instance/i-orders:/ PASS',
      'trend instance/i-orders:/ PASS',
      'free-space instance/i-orders:/data FAIL',
      'trend instance/i-orders:/data PASS',
      'free-space instance/i-other:/ PASS',
      'trend instance/i-other:/ PASS',
    ]);
  });

  it('says the running-instance listing failed, and still warns for the hosts the scope names', async () => {
    const { ports } = account('running');
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'payments', environment: 'prod' }),
    });
    expect(summary(result.findings)).toEqual([
      'host-agent AWS/EC2:* ERROR',
      'host-agent instance/i-batch WARN',
      'host-agent instance/i-0123456789abcdef0 WARN',
    ]);
    expect(result.findings[0]?.message).toContain('cloudwatch:ListMetrics');
    expect(result.findings[1]?.evidence).toMatchObject({ running: null });
  });

  it('warns, never passes, for a service with nothing that stores', async () => {
    const { ports } = account();
    const result = await runCheck('disk-space', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'search', environment: 'prod' }),
    });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
  });
});
