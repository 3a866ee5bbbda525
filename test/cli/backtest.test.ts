import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli';

const NAB = path.join(REPO_ROOT, 'data', 'nab-realAWSCloudwatch');
const OFF = { enabled: false };
const sum = (metricName: string) => ({ namespace: 'Test', metricName, stat: 'Sum' });

let dir: string;
const file = (name: string) => path.join(dir, name);

function writeJson(name: string, value: unknown): string {
  writeFileSync(file(name), JSON.stringify(value));
  return file(name);
}

function backtest(config: string, metrics: string, at: string, ...rest: string[]) {
  return runCli(['backtest', '--config', config, '--metrics', metrics, '--at', at, ...rest]);
}

function runsOf(stdout: string) {
  return (JSON.parse(stdout) as { runs: Record<string, unknown>[] }).runs;
}

/*
 * Synthetic minute data for 2026-03-29, UTC: 1000 requests and 10 errors a minute from 08:50 to 12:45,
 * except 200 errors a minute from 12:10 to 12:20 and no data at all from 10:20 to 10:22. The
 * database error counter reports only non-zero minutes: 6 at 10:05, written twice (a repeated
 * export, as a clock change repeats an hour), which counted twice would breach "more than 10", and
 * a 0 at 11:59; between them it is silent.
 */
function writeSyntheticMetrics(into: string): void {
  const requests = ['timestamp,value'];
  const errors = ['timestamp,value'];
  for (let t = Date.parse('2026-03-29T08:50:00Z'); t <= Date.parse('2026-03-29T12:45:00Z'); t += 60_000) {
    const iso = new Date(t).toISOString();
    const hhmm = iso.slice(11, 16);
    if (hhmm >= '10:20' && hhmm <= '10:22') continue;
    // Both accepted formats: ISO 8601 for requests, "YYYY-MM-DD HH:MM:SS" for errors.
    requests.push(`${iso},1000`);
    errors.push(`${iso.slice(0, 10)} ${iso.slice(11, 19)},${hhmm >= '12:10' && hhmm < '12:20' ? 200 : 10}`);
  }
  writeFileSync(path.join(into, 'requests.csv'), `${requests.join('\n')}\n`);
  writeFileSync(path.join(into, 'errors.csv'), `${errors.join('\r\n')}\r\n`);
  writeFileSync(
    path.join(into, 'db_connection_errors.csv'),
    'timestamp,value\n2026-03-29 10:05:00,6\n2026-03-29 10:05:00,6\n2026-03-29 11:59:00,0\n',
  );
}

let syntheticConfig: string;
let nabConfig: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-'));
  writeSyntheticMetrics(dir);
  syntheticConfig = writeJson('synthetic.json', {
    watch: {
      metrics: {
        requests: sum('RequestCount'),
        errors: sum('Errors'),
        db_connection_errors: sum('DbErrors'),
      },
      triggers: { latency: OFF, 'health-checks': OFF },
    },
  });
  nabConfig = writeJson('nab.json', {
    watch: {
      minutes: 60,
      periodSeconds: 300,
      ingestionLagSeconds: 0,
      triggers: {
        'error-rate': OFF,
        latency: OFF,
        'health-checks': OFF,
        'db-connection-errors': OFF,
        'request-surge': {
          expression: 'elb_request_count_8c0756',
          threshold: { baselineMultiplier: 3 },
          floor: 100,
          window: { consecutive: 3 },
        },
      },
    },
  });
});

describe('preflight backtest on synthetic CSV files', () => {
  it('prints the JSON contract with the decisions the rules predict', async () => {
    const run = await backtest(syntheticConfig, dir, '2026-03-29T10:00:00Z,2026-03-29 12:00:00', '--json');
    expect(run.stderr).toMatch(/db_connection_errors had 1 repeated timestamp/);
    expect(run.code).toBe(0);
    const runs = runsOf(run.stdout);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual({
      deployedAt: '2026-03-29T10:00:00.000Z',
      decision: 'PROCEED',
      decidedAt: '2026-03-29T10:32:00.000Z',
      trigger: null,
      reason: expect.any(String),
      baseline: { from: '2026-03-29T09:00:00.000Z', to: '2026-03-29T10:00:00.000Z' },
    });
    // Breaching minutes 12:10-12:14 end at 12:15; judged after the 2-minute ingestion lag.
    expect(runs[1]).toMatchObject({
      deployedAt: '2026-03-29T12:00:00.000Z',
      decision: 'ROLLBACK',
      decidedAt: '2026-03-29T12:17:00.000Z',
      trigger: 'error-rate',
    });
  });

  it('counts a repeated datapoint once: 6 written twice is not 12 database errors', async () => {
    // Counted twice, the critical trigger would have rolled back at 10:08.
    const run = await backtest(syntheticConfig, dir, '2026-03-29T09:58:00Z', '--json');
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision: 'PROCEED', trigger: null });
  });

  it('a database error counter silent over the baseline and the watch reads 0, and the decision says so', async () => {
    // Its one datapoint (10:05) is before this baseline (10:10-11:10); at 10:00 it is inside the watch.
    const run = await backtest(syntheticConfig, dir, '2026-03-29T11:10:00Z', '--json');
    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)[0]).toMatchObject({
      decision: 'PROCEED',
      reason: expect.stringMatching(
        /; db-connection-errors: db_connection_errors reported no datapoint in the baseline or the watch and was read as 0/,
      ),
    });
    const alive = await backtest(syntheticConfig, dir, '2026-03-29T10:00:00Z', '--json');
    expect(runsOf(alive.stdout)[0]?.reason).not.toMatch(/db_connection_errors reported no datapoint/);
  });

  it('prints a table by default', async () => {
    const run = await backtest(syntheticConfig, dir, '2026-03-29T12:00:00Z');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^deployed at\s+decision\s+decided at\s+trigger\s+reason/);
    expect(run.stdout).toMatch(/2026-03-29T12:00:00.000Z\s+ROLLBACK\s+2026-03-29T12:17:00.000Z\s+error-rate/);
    expect(run.stdout).toMatch(/1 deployments: 0 PROCEED, 1 ROLLBACK, 0 INCONCLUSIVE/);
  });
});

/*
 * Two versions side by side, minute data for 2026-03-29: both serve 0.1 s until 10:00, then the
 * whole service slows to 0.4 s (the morning peak, on old and new alike); from 12:00 the new version
 * alone serves 0.4 s while the old one is back at 0.1 s.
 */
function writeCanaryMetrics(into: string): void {
  const latest = ['timestamp,value'];
  const old = ['timestamp,value'];
  for (let t = Date.parse('2026-03-29T08:00:00Z'); t <= Date.parse('2026-03-29T13:30:00Z'); t += 60_000) {
    const iso = new Date(t).toISOString();
    const hhmm = iso.slice(11, 16);
    const peak = hhmm >= '10:00' && hhmm < '11:30';
    latest.push(`${iso},${peak || hhmm >= '12:00' ? 0.4 : 0.1}`);
    old.push(`${iso},${peak ? 0.4 : 0.1}`);
  }
  writeFileSync(path.join(into, 'latency.csv'), `${latest.join('\n')}\n`);
  writeFileSync(path.join(into, 'latency_old.csv'), `${old.join('\n')}\n`);
}

describe('preflight backtest of canary against baseline (the same code as the watch)', () => {
  let canaryDir: string;
  const config = (versus: boolean) =>
    writeJson(`canary-${versus}.json`, {
      watch: {
        minutes: 30,
        ingestionLagSeconds: 0,
        triggers: {
          'error-rate': OFF,
          'health-checks': OFF,
          'db-connection-errors': OFF,
          latency: {
            expression: 'latency',
            threshold: { baselineMultiplier: 2 },
            floor: 0.05,
            window: { consecutive: 3 },
            ...(versus ? { versus: { expression: 'latency_old' } } : {}),
          },
        },
      },
    });

  beforeAll(() => {
    canaryDir = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-canary-'));
    writeCanaryMetrics(canaryDir);
  });

  it('does not roll back a slowdown both versions share, and rolls back the one only the new version has', async () => {
    const at = '2026-03-29T09:55:00Z,2026-03-29T11:55:00Z';
    const alone = await backtest(config(false), canaryDir, at, '--json');
    const canary = await backtest(config(true), canaryDir, at, '--json');

    expect(alone.code, alone.stderr).toBe(0);
    expect(canary.code, canary.stderr).toBe(0);
    // Against the hour before, the morning peak looks like a regression of the release.
    expect(runsOf(alone.stdout)[0]).toMatchObject({ decision: 'ROLLBACK', trigger: 'latency' });
    // Against the old version over the same minutes, only the release's own slowdown is.
    expect(runsOf(canary.stdout)).toMatchObject([
      { decision: 'PROCEED', trigger: null },
      { decision: 'ROLLBACK', trigger: 'latency' },
    ]);
  });

  it("names the old version's missing file and the trigger that needs it", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-canary-missing-'));
    writeFileSync(path.join(empty, 'latency.csv'), 'timestamp,value\n2026-03-29T10:00:00Z,0.1\n');

    const run = await backtest(config(true), empty, '2026-03-29T10:00:00Z');

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/latency_old\.csv/);
    expect(run.stderr).toMatch(/latency/);
  });
});

describe('preflight backtest with a statistical judge, on real CloudWatch history (NAB)', () => {
  // 03:09 on 2014-04-11 is a healthy hour the threshold rule rolls back; 17:09 on 2014-04-12 is 15
  // minutes before a labelled ELB request surge.
  const AT = '2014-04-11T03:09:00Z,2014-04-12T17:09:00Z';
  const surge = (trigger: Record<string, unknown>) =>
    writeJson(`surge-${JSON.stringify(trigger).length}.json`, {
      watch: {
        minutes: 60,
        periodSeconds: 300,
        ingestionLagSeconds: 0,
        triggers: {
          'error-rate': OFF,
          latency: OFF,
          'health-checks': OFF,
          'db-connection-errors': OFF,
          'request-surge': { expression: 'elb_request_count_8c0756', window: { consecutive: 3 }, ...trigger },
        },
      },
    });

  it('the judge overrules the threshold rule on the healthy hour and agrees on the surge, with its p-value', async () => {
    const thresholdOnly = await backtest(surge({ threshold: { baselineMultiplier: 2 } }), NAB, AT, '--json');
    expect(runsOf(thresholdOnly.stdout).map((r) => r.decision)).toEqual(['ROLLBACK', 'ROLLBACK']);

    const judged = await backtest(
      surge({ threshold: { baselineMultiplier: 1.5 }, judge: { rule: 'mann-whitney' } }),
      NAB,
      AT,
      '--json',
    );

    expect(judged.code).toBe(0);
    const [healthy, incident] = runsOf(judged.stdout);
    expect(healthy).toMatchObject({ decision: 'PROCEED', trigger: null });
    expect(healthy?.judges).toEqual([
      expect.objectContaining({
        trigger: 'request-surge',
        rule: 'mann-whitney',
        shadow: false,
        agrees: false,
        pValue: expect.any(Number),
        vetoes: expect.any(Number),
      }),
    ]);
    expect(((healthy?.judges ?? []) as { pValue: number }[])[0]?.pValue).toBeGreaterThan(0.0001);
    expect(incident).toMatchObject({ decision: 'ROLLBACK', trigger: 'request-surge' });
    expect(incident?.reason).toMatch(
      /judge: Mann-Whitney agrees: p = [\d.e-]+ \(U = \d+(\.\d+)?, 9 watched vs 12 reference values/,
    );
    const verdict = ((incident?.judges ?? []) as { pValue: number; effect: number }[])[0];
    expect(verdict?.pValue).toBeLessThanOrEqual(0.0001);
    expect(verdict?.effect).toBeGreaterThanOrEqual(1.5);
  });

  it('in shadow, the threshold rule decides and the table shows what the judge would have said', async () => {
    const run = await backtest(
      surge({ threshold: { baselineMultiplier: 2 }, judge: { rule: 'mann-whitney', shadow: true } }),
      NAB,
      AT,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2014-04-11T03:09:00.000Z\s+ROLLBACK\s+\S+\s+request-surge/);
    expect(run.stdout).toMatch(/\n {2}shadow judge request-surge: Mann-Whitney does not agree: p = /);
    expect(run.stdout).toMatch(/2 deployments: 0 PROCEED, 2 ROLLBACK, 0 INCONCLUSIVE/);
  });
});

describe('preflight backtest on real CloudWatch history (NAB)', () => {
  it('rolls back on the labelled ELB request surge and proceeds on quiet days', async () => {
    const at = '2014-04-12T16:30:00Z,2014-04-15 03:00:00,2014-04-11T12:00:00Z';
    const run = await backtest(nabConfig, NAB, at, '--json');
    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)).toEqual([
      expect.objectContaining({
        deployedAt: '2014-04-12T16:30:00.000Z',
        decision: 'ROLLBACK',
        decidedAt: '2014-04-12T17:20:00.000Z',
        trigger: 'request-surge',
      }),
      expect.objectContaining({ deployedAt: '2014-04-15T03:00:00.000Z', decision: 'PROCEED', trigger: null }),
      expect.objectContaining({ deployedAt: '2014-04-11T12:00:00.000Z', decision: 'PROCEED', trigger: null }),
    ]);
  });

  it('does not double count the hour repeated at the clock change', async () => {
    // ec2_network_in_5abac7 stamps 02:00-02:59 of 2014-03-09 as 03:00:00, twelve times. Summed, the
    // 03:00 period would hold 880.8 and breach; once (last value 60 plus 86.4 at 03:01) it holds 146.4.
    const config = writeJson('dst.json', {
      watch: {
        periodSeconds: 300,
        ingestionLagSeconds: 0,
        metrics: { ec2_network_in_5abac7: { namespace: 'AWS/EC2', metricName: 'NetworkIn', stat: 'Sum' } },
        triggers: {
          'error-rate': OFF,
          latency: OFF,
          'health-checks': OFF,
          'db-connection-errors': OFF,
          'network-in': { expression: 'ec2_network_in_5abac7', threshold: 500, critical: true },
        },
      },
    });
    const run = await backtest(config, NAB, '2014-03-09T02:55:00Z', '--json');
    expect(run.stderr).toMatch(/ec2_network_in_5abac7 had 11 repeated timestamp/);
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision: 'PROCEED', trigger: null });
  });

  it('replays every NAB series without crashing', async () => {
    const ids = [
      'ec2_cpu_utilization_24ae8d',
      'ec2_disk_write_bytes_1ef3de',
      'ec2_network_in_5abac7',
      'elb_request_count_8c0756',
      'grok_asg_anomaly',
      'rds_cpu_utilization_e47b3b',
    ];
    const triggers = Object.fromEntries(
      ids.map((id) => [
        id.replaceAll('_', '-'),
        { expression: id, threshold: { baselineMultiplier: 2 }, window: { consecutive: 2 } },
      ]),
    );
    const config = writeJson('all.json', {
      watch: {
        periodSeconds: 300,
        triggers: {
          'error-rate': OFF,
          latency: OFF,
          'health-checks': OFF,
          'db-connection-errors': OFF,
          ...triggers,
        },
      },
    });
    const at = [
      '2014-02-20T10:00:00Z',
      '2014-03-09T02:30:00Z',
      '2014-04-12T16:30:00Z',
      '2014-01-20T08:00:00Z',
    ].join(',');
    const run = await backtest(config, NAB, at, '--json');
    expect(run.code).toBe(0);
    const runs = runsOf(run.stdout);
    expect(runs).toHaveLength(4);
    for (const r of runs) expect(['PROCEED', 'ROLLBACK', 'INCONCLUSIVE']).toContain(r.decision);
  });
});

/*
 * Five-minute data for 2026-03-29 08:00-12:00 UTC: 5000 requests, 50 errors (1%), latency 0.2 s and
 * no database error per period, except what a case changes in the period starting at 10:10.
 */
function writeFiveMinuteMetrics(change: Record<string, number>): string {
  const into = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-5min-'));
  const healthy: Record<string, number> = {
    requests: 5000,
    errors: 50,
    latency: 0.2,
    db_connection_errors: 0,
  };
  for (const id of Object.keys(healthy)) {
    const lines = ['timestamp,value'];
    for (let t = Date.parse('2026-03-29T08:00:00Z'); t < Date.parse('2026-03-29T12:00:00Z'); t += 300_000) {
      const iso = new Date(t).toISOString();
      lines.push(`${iso},${iso.slice(11, 16) === '10:10' ? (change[id] ?? healthy[id]) : healthy[id]}`);
    }
    writeFileSync(path.join(into, `${id}.csv`), `${lines.join('\n')}\n`);
  }
  return into;
}

describe("preflight backtest: the checklist's minutes at 5-minute periods", () => {
  let config: string;
  beforeAll(() => {
    config = writeJson('five-minutes.json', {
      watch: {
        minutes: 60,
        periodSeconds: 300,
        metrics: {
          requests: sum('RequestCount'),
          errors: sum('Errors'),
          db_connection_errors: sum('DbErrors'),
          latency: { namespace: 'Test', metricName: 'Latency', stat: 'p99' },
        },
        triggers: { 'health-checks': OFF },
      },
    });
  });

  it.each([
    // A 5-minute Sum of 55 is 11 a minute: more than 10 a minute. 45 is 9 a minute.
    [
      { db_connection_errors: 55 },
      'ROLLBACK',
      'db-connection-errors',
      /> 50 \(55\) \[more than 10 a minute: 50 per 300-second period\]/,
    ],
    [{ db_connection_errors: 45 }, 'PROCEED', null, /every trigger passed/],
    // 6% over a 5-minute period is above 5% for 5 minutes: one period, not five (25 minutes).
    [
      { errors: 300 },
      'ROLLBACK',
      'error-rate',
      /1 of the last 1 judged periods > 0\.05 \(0\.06\) \[5 minutes: 1 period of 300 s\]/,
    ],
    // A period cannot show 3 minutes: the shortest window that covers them is one period, and it says so.
    [
      { latency: 0.5 },
      'ROLLBACK',
      'latency',
      /> 0\.4 \(0\.5\) \[3 minutes: 1 period of 300 s, the shortest that covers them\]/,
    ],
  ])('%j: %s', async (change, decision, trigger, reason) => {
    const run = await backtest(config, writeFiveMinuteMetrics(change), '2026-03-29T10:00:00Z', '--json');
    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision, trigger, reason: expect.stringMatching(reason) });
  });

  it('says when the data is coarser than the period and irregular: each datapoint read as one period', async () => {
    const metrics = writeFiveMinuteMetrics({});
    // Every 5 minutes, once 4 minutes apart: no one interval the datapoints are published at.
    const requests = path.join(metrics, 'requests.csv');
    writeFileSync(requests, readFileSync(requests, 'utf8').replace('T09:30:00', 'T09:29:00'));
    const run = await backtest(syntheticConfig, metrics, '2026-03-29T10:00:00Z', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /note: requests: datapoints 300 s apart at most times, coarser than the watch's 60-second period and irregular: each is read as one period's value/,
    );
  });
});

describe('preflight backtest: five-minute data watched at one-minute periods', () => {
  let config: string;
  beforeAll(() => {
    config = writeJson('five-minute-data.json', {
      watch: {
        minutes: 60,
        metrics: {
          requests: sum('RequestCount'),
          errors: sum('Errors'),
          db_connection_errors: sum('DbErrors'),
          latency: { namespace: 'Test', metricName: 'Latency', stat: 'p99' },
        },
        triggers: { 'health-checks': OFF },
      },
    });
  });

  it.each([
    // A 5-minute Sum of 45 is 9 a minute, never more than 10 in any minute.
    [{ db_connection_errors: 45 }, 'PROCEED', null, /every trigger passed/],
    // 55 is 11 a minute: each minute of the five holds 11.
    [
      { db_connection_errors: 55 },
      'ROLLBACK',
      'db-connection-errors',
      /> 10 \(11\).*db_connection_errors: one datapoint every 300 s, spread over the 5 periods of 60 s it covers \(its count \/ 5 in each\)/,
    ],
    // 6% for the five minutes of one datapoint is above 5% for 5 minutes.
    [{ errors: 300 }, 'ROLLBACK', 'error-rate', /5 of the last 5 judged periods > 0\.05 \(0\.06, 0\.06/],
    [{}, 'PROCEED', null, /every trigger passed/],
  ])('%j: %s', async (change, decision, trigger, reason) => {
    const run = await backtest(config, writeFiveMinuteMetrics(change), '2026-03-29T10:00:00Z', '--json');
    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision, trigger, reason: expect.stringMatching(reason) });
  });

  /*
   * The error counter CloudWatch omits when nothing failed: no datapoint in the healthy baseline, so
   * its own timestamps cannot show its interval. It is published with the 5-minute request count.
   */
  it.each([
    // 10% errors for 20 minutes: 5 consecutive breaching minutes, not 50% in one minute of five.
    [
      500,
      'ROLLBACK',
      'error-rate',
      /5 of the last 5 judged periods > 0\.05 \(0\.1, 0\.1, 0\.1, 0\.1, 0\.1\).*errors: one datapoint every 300 s/,
    ],
    // 4% errors: below 5% in each of its minutes, never 20% in one.
    [200, 'PROCEED', null, /every trigger passed/],
  ])(
    "reads a sparse error count at the request count's 5-minute interval: %i errors in 5 minutes, %s",
    async (errors, decision, trigger, reason) => {
      const metrics = writeFiveMinuteMetrics({});
      const lines = ['timestamp,value'];
      for (let t = Date.parse('2026-03-29T10:10:00Z'); t < Date.parse('2026-03-29T10:30:00Z'); t += 300_000) {
        lines.push(`${new Date(t).toISOString()},${errors}`);
      }
      writeFileSync(path.join(metrics, 'errors.csv'), `${lines.join('\n')}\n`);
      const run = await backtest(config, metrics, '2026-03-29T10:00:00Z', '--json');
      expect(run.code).toBe(0);
      expect(runsOf(run.stdout)[0]).toMatchObject({
        decision,
        trigger,
        reason: expect.stringMatching(reason),
      });
    },
  );

  it('divides the default counts also when watch.metrics does not map them: 45 in 5 minutes PROCEEDs', async () => {
    const unmapped = writeJson('five-minute-data-unmapped.json', {
      watch: { minutes: 60, triggers: { 'health-checks': OFF } },
    });
    const run = await backtest(
      unmapped,
      writeFiveMinuteMetrics({ db_connection_errors: 45 }),
      '2026-03-29T10:00:00Z',
      '--json',
    );
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision: 'PROCEED' });
  });

  it('says how it reads the coarser data on stderr', async () => {
    const run = await backtest(config, writeFiveMinuteMetrics({}), '2026-03-29T10:00:00Z', '--json');
    expect(run.stderr).toMatch(
      /note: db_connection_errors: one datapoint every 300 s, coarser than the watch's 60-second period: each is read over the 5 periods it covers, its count divided among them \(5 periods of the count \/ 5\)/,
    );
    expect(run.stderr).toMatch(
      /note: latency: one datapoint every 300 s, coarser than the watch's 60-second period: each is read over the 5 periods it covers, its value in each/,
    );
  });
});

describe('preflight backtest: metrics that stop reporting before the watch ends', () => {
  it('is INCONCLUSIVE, not PROCEED, when a trigger had no data over its whole last window', async () => {
    // Latency and unhealthy hosts every minute from 08:00, until 10:27 of a watch from 10:00 to 10:30.
    const metrics = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-stopped-'));
    for (const [id, value] of [
      ['latency', 0.1],
      ['unhealthy_hosts', 0],
    ] as const) {
      const lines = ['timestamp,value'];
      for (let t = Date.parse('2026-03-29T08:00:00Z'); t < Date.parse('2026-03-29T10:27:00Z'); t += 60_000) {
        lines.push(`${new Date(t).toISOString()},${value}`);
      }
      writeFileSync(path.join(metrics, `${id}.csv`), `${lines.join('\n')}\n`);
    }
    const config = writeJson('stopped.json', {
      watch: { triggers: { 'error-rate': OFF, 'db-connection-errors': OFF } },
    });
    const run = await backtest(config, metrics, '2026-03-29T10:00:00Z', '--json');
    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)[0]).toMatchObject({
      decision: 'INCONCLUSIVE',
      reason:
        'latency INCONCLUSIVE: no data over the last 3 periods of the watch (since 2026-03-29T10:27:00.000Z), its whole window: its metrics stopped reporting, so nothing shows the release healthy at the end; health-checks INCONCLUSIVE: no data over the last 3 periods of the watch (since 2026-03-29T10:27:00.000Z), its whole window: its metrics stopped reporting, so nothing shows the release healthy at the end',
    });
  });
});

describe('preflight backtest: latency in quiet minutes', () => {
  /*
   * 1000 requests a minute at a p99 of 0.1 s, except from 10:10 to 10:12 (a quiet spell): 5 requests a
   * minute, whose p99 is their slowest one, 0.6 s. No error.
   */
  function quietSpell(): string {
    const into = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-quiet-'));
    const requests = ['timestamp,value'];
    const latency = ['timestamp,value'];
    for (let t = Date.parse('2026-03-29T08:00:00Z'); t < Date.parse('2026-03-29T11:00:00Z'); t += 60_000) {
      const iso = new Date(t).toISOString();
      const quiet = iso.slice(11, 16) >= '10:10' && iso.slice(11, 16) <= '10:12';
      requests.push(`${iso},${quiet ? 5 : 1000}`);
      latency.push(`${iso},${quiet ? 0.6 : 0.1}`);
    }
    writeFileSync(path.join(into, 'requests.csv'), `${requests.join('\n')}\n`);
    writeFileSync(path.join(into, 'latency.csv'), `${latency.join('\n')}\n`);
    writeFileSync(path.join(into, 'errors.csv'), 'timestamp,value\n');
    return into;
  }
  const metrics = {
    requests: sum('RequestCount'),
    errors: sum('Errors'),
    latency: { namespace: 'Test', metricName: 'Latency', stat: 'p99' },
  };

  it('does not judge the p99 of 5 requests: PROCEED', async () => {
    const config = writeJson('quiet.json', {
      watch: { metrics, triggers: { 'health-checks': OFF, 'db-connection-errors': OFF } },
    });
    const run = await backtest(config, quietSpell(), '2026-03-29T10:00:00Z', '--json');
    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision: 'PROCEED', trigger: null });
  });

  it('still judges latency in minutes without a request count: a regression rolls back', async () => {
    const config = writeJson('quiet-no-requests.json', {
      watch: { metrics, triggers: { 'health-checks': OFF, 'db-connection-errors': OFF } },
    });
    const into = quietSpell();
    const requests = readFileSync(path.join(into, 'requests.csv'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('2026-03-29T10:'));
    writeFileSync(path.join(into, 'requests.csv'), requests.join('\n'));
    const latency = readFileSync(path.join(into, 'latency.csv'), 'utf8').replace(
      /(T10:[^,]*),[0-9.]+/g,
      '$1,0.5',
    );
    writeFileSync(path.join(into, 'latency.csv'), latency);
    const run = await backtest(config, into, '2026-03-29T10:00:00Z', '--json');
    expect(runsOf(run.stdout)[0]).toMatchObject({
      decision: 'ROLLBACK',
      trigger: 'latency',
      reason: expect.stringMatching(/3 of the last 3 judged periods > 0\.2 \(0\.5, 0\.5, 0\.5\)/),
    });
  });

  it('judges the quiet minutes too with eligibility null: ROLLBACK', async () => {
    const unchecked = writeJson('quiet-unchecked.json', {
      watch: {
        metrics,
        triggers: { latency: { eligibility: null }, 'health-checks': OFF, 'db-connection-errors': OFF },
      },
    });
    const run = await backtest(unchecked, quietSpell(), '2026-03-29T10:00:00Z', '--json');
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision: 'ROLLBACK', trigger: 'latency' });
  });
});

describe('preflight backtest of a rolling deployment that began before the watch (START/WATCH)', () => {
  let config: string;
  let metrics: string;
  beforeAll(() => {
    // Latency 0.1 until 09:20, then 0.25: the new code rolls out from 09:20, the watch starts at 10:00:30.
    metrics = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-rolling-'));
    const lines = ['timestamp,value'];
    for (let t = Date.parse('2026-03-29T08:00:00Z'); t < Date.parse('2026-03-29T11:00:00Z'); t += 60_000) {
      lines.push(`${new Date(t).toISOString()},${t < Date.parse('2026-03-29T09:20:00Z') ? 0.1 : 0.25}`);
    }
    writeFileSync(path.join(metrics, 'latency.csv'), `${lines.join('\n')}\n`);
    config = writeJson('rolling.json', {
      watch: {
        metrics: { latency: { namespace: 'Test', metricName: 'Latency', stat: 'p99' } },
        triggers: { 'error-rate': OFF, 'health-checks': OFF, 'db-connection-errors': OFF },
      },
    });
  });

  it('ends the baseline at the deployment start: the regression the hour before the watch hid rolls back', async () => {
    const run = await backtest(
      config,
      metrics,
      '2026-03-29T10:00:30Z,2026-03-29T09:20:30Z/2026-03-29T10:00:30Z',
      '--json',
    );

    expect(run.code).toBe(0);
    const [watchStartOnly, fromDeploymentStart] = runsOf(run.stdout);
    expect(watchStartOnly).toMatchObject({
      decision: 'PROCEED',
      baseline: { from: '2026-03-29T09:00:00.000Z', to: '2026-03-29T10:00:00.000Z' },
    });
    expect(watchStartOnly).not.toHaveProperty('deploymentStartedAt');
    expect(fromDeploymentStart).toMatchObject({
      deployedAt: '2026-03-29T10:00:30.000Z',
      deploymentStartedAt: '2026-03-29T09:20:30.000Z',
      decision: 'ROLLBACK',
      trigger: 'latency',
      reason: expect.stringMatching(/> 0\.2 \(0\.25, 0\.25, 0\.25\)/),
      baseline: { from: '2026-03-29T08:20:00.000Z', to: '2026-03-29T09:20:00.000Z' },
    });
    const table = await backtest(config, metrics, '2026-03-29T09:20:30Z/2026-03-29T10:00:30Z');
    expect(table.stdout).toContain(
      '  baseline 2026-03-29T08:20:00.000Z to 2026-03-29T09:20:00.000Z, the complete periods before the deployment started (deploymentStartedAt 2026-03-29T09:20:30.000Z)',
    );
  });

  it.each([
    [
      '2026-03-29T10:05:00Z/2026-03-29T10:00:30Z',
      'deployment start 2026-03-29T10:05:00Z: got 2026-03-29T10:05:00.000Z, after the replayed watch starts (2026-03-29T10:00:30.000Z)',
    ],
    [
      '2026-03-27T10:00:00Z/2026-03-29T10:00:30Z',
      'deployment start 2026-03-27T10:00:00Z: got 2026-03-27T10:00:00.000Z, more than 24 hours before the replayed watch starts',
    ],
    ['2026-03-29T09:20:30Z/later', 'unreadable time "later"'],
  ])('--at %s: exit 2 naming the time', async (at, message) => {
    const run = await backtest(config, metrics, at);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('preflight backtest: the latency floor in the unit of the latency metric', () => {
  it.each([
    // API Gateway's Latency is in milliseconds: 4 ms to 10 ms is noise, below the default floor of 50 ms.
    [
      { namespace: 'AWS/ApiGateway', metricName: 'Latency', stat: 'p99' },
      [4, 10],
      'PROCEED',
      /every trigger passed/,
    ],
    [{ namespace: 'AWS/ApiGateway', metricName: 'Latency', stat: 'p99' }, [40, 90], 'ROLLBACK', /> 80 \(90/],
    // ALB's TargetResponseTime is in seconds: the floor is 0.05.
    [
      { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', stat: 'p99' },
      [0.004, 0.01],
      'PROCEED',
      /every trigger passed/,
    ],
  ])('%j, %j before and after: %s', async (latency, [before, after], decision, reason) => {
    const metrics = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-units-'));
    const lines = ['timestamp,value'];
    for (let t = Date.parse('2026-03-29T08:50:00Z'); t < Date.parse('2026-03-29T10:45:00Z'); t += 60_000) {
      lines.push(`${new Date(t).toISOString()},${t < Date.parse('2026-03-29T10:00:00Z') ? before : after}`);
    }
    writeFileSync(path.join(metrics, 'latency.csv'), `${lines.join('\n')}\n`);
    const config = writeJson('units.json', {
      watch: {
        metrics: { latency },
        triggers: { 'error-rate': OFF, 'health-checks': OFF, 'db-connection-errors': OFF },
      },
    });

    const run = await backtest(config, metrics, '2026-03-29T10:00:00Z', '--json');

    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision, reason: expect.stringMatching(reason) });
  });
});

describe('preflight backtest of one service', () => {
  let services: string;
  beforeAll(() => {
    services = writeJson('services.json', {
      environments: { prod: { region: 'eu-west-1' } },
      watch: {
        metrics: {
          requests: sum('RequestCount'),
          errors: sum('Errors'),
          db_connection_errors: sum('DbErrors'),
        },
        triggers: { latency: OFF, 'health-checks': OFF },
      },
      services: {
        orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
        // 20% errors for ten minutes is within what billing tolerates.
        billing: {
          environments: ['prod'],
          resources: { tags: { service: 'billing' } },
          watch: { triggers: { 'error-rate': { threshold: 0.5 } } },
        },
      },
    });
  });

  it.each([
    ['orders', 'ROLLBACK'],
    ['billing', 'PROCEED'],
  ])('replays with the triggers of %s: %s', async (service, decision) => {
    const run = await backtest(
      services,
      dir,
      '2026-03-29T12:00:00Z',
      '--json',
      '--service',
      service,
      '--env',
      'prod',
    );

    expect(run.code).toBe(0);
    expect(runsOf(run.stdout)[0]).toMatchObject({ decision });
  });

  it.each([
    [['--service', 'ordres', '--env', 'prod'], 'unknown service "ordres"; expected one of orders, billing'],
    [['--service', 'orders', '--env', 'staging'], 'service "orders" is not deployed to "staging"'],
  ])('%j: exit 2 naming what is unknown', async (flags, message) => {
    const run = await backtest(services, dir, '2026-03-29T12:00:00Z', ...flags);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('preflight backtest: bad input (exit 2)', () => {
  it('names a missing metric file and the trigger that needs it', async () => {
    const config = writeJson('missing.json', {
      watch: { triggers: { latency: OFF, 'health-checks': OFF, 'db-connection-errors': OFF } },
    });
    const empty = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-empty-'));
    const run = await backtest(config, empty, '2026-03-29T10:00:00Z');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /missing metric file .*errors\.csv for metric id "errors" \(used by trigger "error-rate"\)/,
    );
    expect(run.stdout).toBe('');
  });

  it('names the file and line of an unreadable CSV line', async () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-bad-'));
    writeSyntheticMetrics(bad);
    writeFileSync(
      path.join(bad, 'requests.csv'),
      'timestamp,value\n2026-03-29 10:00:00,5\n29/03/2026 10:01,7\n',
    );
    const run = await backtest(syntheticConfig, bad, '2026-03-29T10:00:00Z');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/requests\.csv:3: unreadable timestamp "29\/03\/2026 10:01"/);
  });

  it('rejects an unreadable --at', async () => {
    const run = await backtest(syntheticConfig, dir, '2026-03-29T10:00:00Z,tomorrow');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unreadable time "tomorrow"/);
  });

  it('rejects an invalid watch configuration naming the key', async () => {
    const config = writeJson('invalid.json', { watch: { periodSeconds: 45 } });
    const run = await backtest(config, dir, '2026-03-29T10:00:00Z');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/watch\.periodSeconds: got 45/);
  });

  it('refuses a latency threshold in the wrong unit for its metric, as the watch does', async () => {
    const config = writeJson('units-ms.json', {
      watch: {
        metrics: {
          latency: { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', stat: 'p99' },
        },
        triggers: {
          'error-rate': OFF,
          'health-checks': OFF,
          'db-connection-errors': OFF,
          latency: { threshold: 800 },
        },
      },
    });
    const run = await backtest(config, dir, '2026-03-29T10:00:00Z');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'watch.triggers.latency.threshold: 800 against AWS/ApplicationELB TargetResponseTime, which CloudWatch reports in seconds',
    );
  });

  it('refuses a count read with a statistic other than Sum, as the watch does', async () => {
    const config = writeJson('average-count.json', {
      watch: {
        metrics: {
          requests: sum('RequestCount'),
          errors: sum('Errors'),
          db_connection_errors: {
            namespace: 'Orders',
            metricName: 'DatabaseConnectionErrors',
            stat: 'Maximum',
          },
        },
        triggers: { latency: OFF, 'health-checks': OFF },
      },
    });
    const run = await backtest(config, dir, '2026-03-29T10:00:00Z');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'watch.metrics.db_connection_errors.stat: Maximum of Orders DatabaseConnectionErrors, which triggers.db-connection-errors counts (db_connection_errors): the Maximum of a count is the largest single datapoint in the period, not the count; expected "Sum"',
    );
  });

  it('requires --metrics and --at', async () => {
    const run = await runCli(['backtest', '--config', syntheticConfig]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--metrics <dir>'/);
  });
});

describe('preflight backtest: hostile CSV is refused, naming the line and column (exit 2)', () => {
  async function refusal(lines: string): Promise<{ code: number | null; stderr: string }> {
    const bad = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-hostile-'));
    writeSyntheticMetrics(bad);
    writeFileSync(path.join(bad, 'requests.csv'), `timestamp,value\n2026-03-29 10:00:00,5\n${lines}\n`);
    const run = await backtest(syntheticConfig, bad, '2026-03-29T10:00:00Z');
    expect(run.stdout).toBe('');
    return run;
  }

  it('names the column of an unreadable value', async () => {
    const run = await refusal('2026-03-29 10:01:00,12abc');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/requests\.csv:3: unreadable value "12abc" in column 2 \(value\)/);
  });

  it('never echoes terminal control sequences from the file, and shows a giant field cut short', async () => {
    const run = await refusal(`2026-03-29 10:01:00,\u001b]0;owned\u0007\u009b2J${'9'.repeat(900)}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('requests.csv:3: unreadable value');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(run.stderr.length).toBeLessThan(600);
  });

  it('refuses a negative value: a count, a rate or a latency is never below 0', async () => {
    const run = await refusal('2026-03-29 10:01:00,-3');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /requests\.csv:3: negative value "-3" in column 2 \(value\) \(a count, a rate or a latency is never negative\)/,
    );
  });

  it('refuses a time zone offset no place on Earth has', async () => {
    const run = await refusal('2026-03-29T10:01:00+99:99,7');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /requests\.csv:3: unreadable timestamp "2026-03-29T10:01:00\+99:99" in column 1 \(timestamp\)/,
    );
  });
});

describe('preflight backtest on a long history: memory and time bounded by what the runs need', () => {
  it('replays a year of one-minute data in a 40 MB heap', async () => {
    const big = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-year-'));
    const start = Date.parse('2025-01-01T00:00:00Z');
    const lines = ['timestamp,value'];
    for (let minute = 0; minute < 366 * 1440; minute += 1) {
      lines.push(`${new Date(start + minute * 60_000).toISOString()},0.1`);
    }
    writeFileSync(path.join(big, 'latency.csv'), `${lines.join('\n')}\n`);
    const config = writeJson('year.json', {
      watch: { triggers: { 'error-rate': OFF, 'health-checks': OFF, 'db-connection-errors': OFF } },
    });

    const run = await runCli(
      [
        'backtest',
        '--config',
        config,
        '--metrics',
        big,
        '--at',
        '2025-03-01T12:00:00Z,2025-12-31T12:00:00Z',
        '--json',
      ],
      { env: { NODE_OPTIONS: '--max-old-space-size=40' } },
    );

    expect(run.stderr).toBe('');
    expect(runsOf(run.stdout).map((r) => r.decision)).toEqual(['PROCEED', 'PROCEED']);
    expect(run.code).toBe(0);
  });

  it('refuses a line longer than 1,000 characters, naming it, without reading it whole', async () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'preflight-backtest-long-line-'));
    writeSyntheticMetrics(bad);
    writeFileSync(
      path.join(bad, 'requests.csv'),
      `timestamp,value\n2026-03-29 10:00:00,${'1'.repeat(5_000_000)}\n`,
    );

    const run = await backtest(syntheticConfig, bad, '2026-03-29T10:00:00Z');

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/requests\.csv:2: the line is longer than 1000 characters/);
  });
});
