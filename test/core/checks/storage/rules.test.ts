import { describe, expect, it } from 'vitest';
import type { Point } from '../../../../lambdas/core/checks/storage/ports';
import {
  judgeFreeSpace,
  percentUsed,
} from '../../../../lambdas/core/checks/storage/rules/disk-space/free-space';
import { judgeHostAgent } from '../../../../lambdas/core/checks/storage/rules/disk-space/host-agent';
import {
  daysUntilFull,
  drainRate,
  judgeTrend,
  MIN_POINTS,
} from '../../../../lambdas/core/checks/storage/rules/disk-space/trend';
import {
  dbVolume,
  domainVolume,
  hostVolume,
  instanceOfArn,
} from '../../../../lambdas/core/checks/storage/volumes';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
/** Hourly free space over the last `hours`, oldest first: `at(hoursAgo)`. */
const hourly = (hours: number, at: (hoursAgo: number) => number): Point[] =>
  Array.from({ length: hours }, (_, i) => {
    const ago = hours - 1 - i;
    return { at: new Date(NOW.getTime() - ago * HOUR), value: at(ago) };
  });
const WEEK = 168;
/** A deterministic wobble of ±amplitude, so "noisy" is the same on every run. */
const wobble = (i: number, amplitude: number) => amplitude * Math.sin(i * 1.7) * Math.cos(i * 0.3);
const SETTINGS = { warnPercent: 80, failPercent: 90, minFreeGiB: 10, warnDays: 30, failDays: 7 };
const GIB = 1024 ** 3;
const RDS = dbVolume({
  identifier: 'orders-db',
  arn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
  engine: 'postgres',
  allocatedGiB: 100,
});

describe('drainRate: the last 7 days of free space', () => {
  it.each<[string, Point[], 'too-few' | 'rate', number | undefined]>([
    ['flat', hourly(WEEK, () => 50), 'rate', 0],
    ['growing free space (files deleted)', hourly(WEEK, (ago) => 50 - ago / 24), 'rate', 1],
    ['shrinking 2 a day', hourly(WEEK, (ago) => 50 + (2 * ago) / 24), 'rate', -2],
    ['noisy around flat', hourly(WEEK, (ago) => 50 + wobble(ago, 5)), 'rate', 0],
    ['noisy, shrinking 2 a day', hourly(WEEK, (ago) => 50 + (2 * ago) / 24 + wobble(ago, 5)), 'rate', -2],
    ['too few points', hourly(MIN_POINTS - 1, () => 50), 'too-few', undefined],
    ['enough points, but under a day', hourly(20, (ago) => 50 + ago), 'too-few', undefined],
    ['none', [], 'too-few', undefined],
  ])('%s', (_case, points, kind, perDay) => {
    const drain = drainRate(points);
    expect(drain.kind).toBe(kind);
    if (drain.kind === 'rate') expect(drain.perDay).toBeCloseTo(perDay ?? Number.NaN, 0);
  });

  it('is not fooled by one spike: a single cleanup does not turn a filling disk into a draining one', () => {
    const points = hourly(WEEK, (ago) => (ago === 3 ? 90 : 50 + (2 * ago) / 24));
    const drain = drainRate(points);
    expect(drain.kind === 'rate' && drain.perDay).toBeLessThan(-1);
  });
});

describe('daysUntilFull', () => {
  it.each<[number, number, number | undefined]>([
    [20, -2, 10],
    [20, 0, undefined],
    [20, 1, undefined],
    [0, -1, 0],
    [-3, -1, 0],
  ])('free %d at %d a day: %s days', (free, perDay, days) => {
    expect(daysUntilFull(free, perDay)).toBe(days);
  });
});

describe('trend', () => {
  it.each<[string, Point[], string, RegExp]>([
    ['not filling', hourly(WEEK, () => 40), 'PASS', /is not filling: free space stayed flat over 7 days/],
    ['filling slowly: 40 days', hourly(WEEK, (ago) => 40 + ago / 24), 'PASS', /fills in 40 days/],
    ['30 days exactly', hourly(WEEK, (ago) => 30 + ago / 24), 'PASS', /fills in 30 days/],
    ['29 days', hourly(WEEK, (ago) => 29 + ago / 24), 'WARN', /fills in 29 days .*under 30 days/],
    ['7 days exactly', hourly(WEEK, (ago) => 7 + ago / 24), 'WARN', /fills in 7 days/],
    [
      'within a week',
      hourly(WEEK, (ago) => 12 + (2 * ago) / 24),
      'FAIL',
      /fills in 6 days .*\(2 GiB a day\), under 7 days/,
    ],
    ['too few points', hourly(5, () => 40), 'WARN', /5 datapoint\(s\) over 0.2 day\(s\).*too few/],
  ])('%s: %s', (_case, free, status, message) => {
    const finding = judgeTrend(RDS, free, SETTINGS);
    expect(finding).toMatchObject({ checkId: 'disk-space', rule: 'trend', status });
    expect(finding.message).toMatch(message);
  });
});

describe('free-space', () => {
  const GROWS = dbVolume({
    identifier: 'db',
    arn: 'arn:db',
    engine: 'mysql',
    allocatedGiB: 100,
    maxAllocatedGiB: 400,
  });
  const now = (value: number) => hourly(WEEK, () => value);
  it.each<[string, ReturnType<typeof dbVolume>, Point[], string, RegExp]>([
    ['an RDS volume with room', RDS, now(60), 'PASS', /40% full, 60 GiB free of 100 GiB/],
    ['80% full', RDS, now(20), 'WARN', /80% full.*warn from 80%/],
    ['79.5% full, shown and judged as 79%', RDS, now(20.5), 'PASS', /79% full/],
    ['90% full', RDS, now(10), 'FAIL', /90% full.*fail from 90%/],
    [
      'storage autoscaling: the room to the ceiling is free',
      GROWS,
      // 5 GiB left of the 100 allocated, 300 more to the ceiling.
      hourly(WEEK, () => GROWS.free(5 * GIB)),
      'PASS',
      /23% full, 305 GiB free of 400 GiB: storage autoscaling grows it up to 400 GiB/,
    ],
    [
      'Aurora local storage above the minimum',
      dbVolume({ identifier: 'a-1', arn: 'arn:a', engine: 'aurora-mysql', cluster: 'a' }),
      now(12),
      'PASS',
      /a-1's local storage has 12 GiB free \(above the 10 GiB minimum; its size is not reported\): the cluster volume grows by itself/,
    ],
    [
      'Aurora local storage under the minimum',
      dbVolume({ identifier: 'a-1', arn: 'arn:a', engine: 'aurora-mysql', cluster: 'a' }),
      now(3),
      'FAIL',
      /3 GiB free \(under the 10 GiB minimum/,
    ],
    [
      'no datapoint in 7 days',
      RDS,
      [],
      'WARN',
      /no FreeStorageSpace datapoint in the last 7 days, so its free space could not be seen/,
    ],
  ])('%s: %s', (_case, volume, free, status, message) => {
    const finding = judgeFreeSpace(volume, free, SETTINGS);
    expect(finding).toMatchObject({ rule: 'free-space', status });
    expect(finding.message).toMatch(message);
  });

  it('rounds the percentage used down', () => {
    expect(percentUsed(20.5, 100)).toBe(79);
    expect(percentUsed(0, 0)).toBe(100);
  });
});

describe('volumes', () => {
  it('reads a host file system from its used percent, free = 100 - used', () => {
    const volume = hostVolume(
      {
        namespace: 'CWAgent',
        metricName: 'disk_used_percent',
        dimensions: { InstanceId: 'i-1', path: '/data' },
      },
      { id: 'i-1', arn: 'arn:aws:ec2:eu-west-1:1:instance/i-1' },
    );
    expect(volume).toMatchObject({
      resource: 'arn:aws:ec2:eu-west-1:1:instance/i-1:/data',
      capacity: 100,
      stat: 'Maximum',
    });
    expect(volume.free(93)).toBe(7);
  });

  it('reads a domain from its domain-level metric only (MiB), never a node', () => {
    const at = { partition: 'aws', region: 'eu-west-1' };
    const metric = (dimensions: Record<string, string>) => ({
      namespace: 'AWS/ES',
      metricName: 'FreeStorageSpace',
      dimensions,
    });
    const domain = domainVolume(metric({ DomainName: 'search', ClientId: '111122223333' }), at);
    expect(domain).toMatchObject({ resource: 'arn:aws:es:eu-west-1:111122223333:domain/search' });
    expect(domain?.free(2048)).toBe(2);
    expect(domainVolume(metric({ DomainName: 'search', ClientId: '1', NodeId: 'n' }), at)).toBeUndefined();
  });

  it('reads RDS free storage in bytes as GiB', () => {
    expect(RDS.free(5 * GIB)).toBe(5);
  });
});

describe('host-agent', () => {
  const HOST = { id: 'i-0abc', arn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc' };
  it.each<[string, boolean | undefined, RegExp, boolean | null]>([
    ['runs without disk metrics', true, /i-0abc runs but publishes no disk metrics.*could not be seen/, true],
    [
      'named by the scope only',
      false,
      /neither disk metrics nor any EC2 metric.*stopped or terminated/,
      false,
    ],
    ['running unknown (EC2 listing failed)', undefined, /^Host i-0abc publishes no disk metrics/, null],
  ])('%s: WARN, never PASS', (_, running, message, shown) => {
    const finding = judgeHostAgent(HOST, running);
    expect(finding).toMatchObject({
      checkId: 'disk-space',
      rule: 'host-agent',
      resource: HOST.arn,
      status: 'WARN',
      evidence: { instanceId: 'i-0abc', running: shown, metric: 'CWAgent/disk_used_percent' },
    });
    expect(finding.message).toMatch(message);
    // The fix names the agent's disk plugin and the dimension the check reads.
    expect(finding.remediation).toContain('metrics_collected.disk');
    expect(finding.remediation).toContain(`"InstanceId": "\${aws:InstanceId}"`);
  });

  it('reads an instance ARN, and nothing else, as an instance', () => {
    expect(instanceOfArn(HOST.arn)).toEqual(HOST);
    expect(instanceOfArn('arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc')).toBeUndefined();
    expect(instanceOfArn('arn:aws:rds:eu-west-1:111122223333:db:i-0abc')).toBeUndefined();
  });
});
