import { describe, expect, it } from 'vitest';
import { outcomesFromExport, resultFileKeys } from '../../../lambdas/core/fanout/outcomes';
import { renderSummaryMarkdown, summaryNotification } from '../../../lambdas/core/fanout/render';
import { buildSummary, childRunId } from '../../../lambdas/core/fanout/summary';
import type { PlannedTarget, TargetPlan } from '../../../lambdas/core/fanout/targets';

const NOW = new Date('2026-11-26T06:00:00Z');
const COUNTS = { PASS: 5, WARN: 1, FAIL: 0, ERROR: 0, SKIPPED: 2 };
const target = (account: string, region: string): PlannedTarget => ({
  item: { mode: 'scheduled', account, region },
  source: 'organization',
  account,
  region,
  label: `account ${account} ${region}`,
});
const PLAN: TargetPlan = {
  targets: [
    target('111111111111', 'eu-west-1'),
    target('222222222222', 'eu-west-1'),
    target('333333333333', 'eu-west-1'),
  ],
  notAudited: [],
};
const runIdOf = (index: number) => childRunId('daily', index);

/** An execution record as the ResultWriter exports it. */
function record(index: number, output: unknown, status = 'SUCCEEDED') {
  return {
    ExecutionArn: `arn:aws:states:eu-west-1:123456789012:execution:Fanout/Targets:${index}`,
    Input: JSON.stringify({ index, item: PLAN.targets[index]?.item, runId: runIdOf(index) }),
    Status: status,
    ...(status === 'SUCCEEDED'
      ? { Output: JSON.stringify(output) }
      : { Error: 'States.Runtime', Cause: 'The JSONPath $.outcome.counts could not be found' }),
  };
}
const audited = (index: number, verdict: string, alert: unknown = { status: 'none' }) => ({
  runId: runIdOf(index),
  verdict,
  counts: verdict === 'FAIL' ? { ...COUNTS, FAIL: 2 } : COUNTS,
  reportLocation: {
    json: `s3://b/runs/daily-${index}/report.json`,
    markdown: `s3://b/runs/daily-${index}/report.md`,
  },
  alert,
});

describe('outcomesFromExport', () => {
  it('believes a record only with the run id its index was given and the shape of an audit outcome', () => {
    const outcomes = outcomesFromExport(
      [
        record(0, audited(0, 'PASS')),
        record(1, { ...audited(1, 'PASS'), runId: 'daily-0' }),
        record(2, { runId: runIdOf(2), verdict: 'PASS' }),
      ],
      3,
      runIdOf,
    );
    expect(outcomes.get(0)).toMatchObject({ verdict: 'PASS', counts: COUNTS, alert: 'none' });
    expect(outcomes.get(1)).toEqual({
      verdict: 'ERROR',
      alert: 'none',
      problem: 'its result names run daily-0, not daily-1',
    });
    expect(outcomes.get(2)).toEqual({
      verdict: 'ERROR',
      alert: 'none',
      problem: 'its result is not an audit outcome',
    });
  });

  it('turns a failed child, a refused target and a failed alert into what they are', () => {
    const outcomes = outcomesFromExport(
      [
        record(0, undefined, 'FAILED'),
        record(1, {
          runId: runIdOf(1),
          verdict: 'ERROR',
          error: { Error: 'InvalidInputError', Cause: 'mode: got gate' },
          alert: { status: 'none' },
        }),
        record(2, audited(2, 'FAIL', { Error: 'SNS.KMSDisabledException', Cause: 'key disabled' })),
      ],
      3,
      runIdOf,
    );
    expect(outcomes.get(0)?.problem).toBe(
      'its audit did not finish (FAILED: States.Runtime: The JSONPath $.outcome.counts could not be found)',
    );
    expect(outcomes.get(1)).toMatchObject({
      verdict: 'ERROR',
      problem: 'it was not audited: InvalidInputError: mode: got gate',
    });
    expect(outcomes.get(2)).toMatchObject({ verdict: 'FAIL', alert: 'failed' });
  });

  it('ignores records for indexes the run does not have, or without an index; a finished one wins', () => {
    const unfinished = { ...record(0, undefined), Status: 'ABORTED' };
    const outcomes = outcomesFromExport(
      [
        record(5, audited(5, 'PASS')),
        { Status: 'SUCCEEDED', Input: '{}' },
        'junk',
        record(0, audited(0, 'PASS')),
        unfinished,
      ],
      3,
      runIdOf,
    );
    expect([...outcomes.keys()]).toEqual([0]);
    expect(outcomes.get(0)?.verdict).toBe('PASS');
  });
});

describe('resultFileKeys', () => {
  it('reads only the files beside the manifest', () => {
    const manifestKey = 'fanout-results/7f6c/manifest.json';
    expect(
      resultFileKeys(manifestKey, {
        ResultFiles: {
          SUCCEEDED: [{ Key: 'fanout-results/7f6c/SUCCEEDED_0.json' }],
          FAILED: [{ Key: 'runs/other/report.json' }, { Key: 'fanout-results/7f6c/deeper/FAILED_0.json' }],
          PENDING: [],
        },
      }),
    ).toEqual(['fanout-results/7f6c/SUCCEEDED_0.json']);
  });
});

describe('buildSummary', () => {
  const summaryOf = (
    outcomes: ReturnType<typeof outcomesFromExport>,
    extra: Partial<Parameters<typeof buildSummary>[0]> = {},
  ) => buildSummary({ runId: 'daily', now: NOW, plan: PLAN, outcomes, ...extra });
  const all = (verdicts: string[], alerts: unknown[] = []) =>
    outcomesFromExport(
      verdicts.map((v, i) => record(i, audited(i, v, alerts[i] ?? { status: 'none' }))),
      verdicts.length,
      runIdOf,
    );

  it('passes only when every target passed, and then has no news', () => {
    const summary = summaryOf(all(['PASS', 'PASS', 'PASS']));
    expect(summary).toMatchObject({
      verdict: 'PASS',
      targets: { total: 3, PASS: 3, FAIL: 0, ERROR: 0 },
      news: false,
    });
    expect(summary.findings).toEqual({ PASS: 15, WARN: 3, FAIL: 0, ERROR: 0, MUTED: 0, SKIPPED: 6 });
  });

  it('fails when any target fails, and is an ERROR when one could not be judged', () => {
    expect(summaryOf(all(['PASS', 'FAIL', 'ERROR'])).verdict).toBe('FAIL');
    expect(summaryOf(all(['PASS', 'ERROR', 'PASS'])).verdict).toBe('ERROR');
  });

  it('counts a target without a result as an ERROR, never a pass, and says why', () => {
    const outcomes = all(['PASS', 'PASS', 'PASS']);
    outcomes.delete(2);
    const summary = summaryOf(outcomes);
    expect(summary.verdict).toBe('ERROR');
    expect(summary.results[2]).toMatchObject({
      verdict: 'ERROR',
      problem: 'no result: its audit never reported back',
    });
    expect(summary.news).toBe(true);
  });

  it('says the fan-out stopped for every target it never finished', () => {
    const summary = summaryOf(new Map(), {
      fanoutError: { Error: 'States.ExceedToleratedFailureThreshold', Cause: 'too many failed' },
    });
    expect(summary.results.map((r) => r.problem)).toEqual(
      Array(3).fill(
        'no result: the fan-out stopped (States.ExceedToleratedFailureThreshold: too many failed)',
      ),
    );
    expect(summary).toMatchObject({
      verdict: 'ERROR',
      fanoutError: 'States.ExceedToleratedFailureThreshold: too many failed',
    });
  });

  it('is an ERROR when an OU could not be listed, though every listed account passed', () => {
    const plan = {
      ...PLAN,
      listing: {
        units: ['ou-a'],
        accounts: [],
        problems: [{ parent: 'ou-b', message: 'm', remediation: 'r' }],
      },
    };
    expect(summaryOf(all(['PASS', 'PASS', 'PASS']), { plan })).toMatchObject({
      verdict: 'ERROR',
      news: true,
    });
  });

  it('has news when an account was alerted, except a single target’s own alert', () => {
    expect(summaryOf(all(['PASS', 'FAIL', 'PASS'], [undefined, { status: 'published' }])).news).toBe(true);
    const one = { ...PLAN, targets: PLAN.targets.slice(0, 1) };
    const single = outcomesFromExport([record(0, audited(0, 'FAIL', { status: 'published' }))], 1, runIdOf);
    expect(summaryOf(single, { plan: one }).news).toBe(false);
    const lost = outcomesFromExport([record(0, audited(0, 'FAIL', { Error: 'SNS.Throttled' }))], 1, runIdOf);
    expect(summaryOf(lost, { plan: one }).news).toBe(true);
  });

  it('renders worst first, and fits an SMS', () => {
    const summary = summaryOf(all(['PASS', 'FAIL', 'ERROR']));
    const markdown = renderSummaryMarkdown(summary);
    const rows = markdown.split('\n').filter((line) => /^\| (PASS|FAIL|ERROR) \|/.test(line));
    expect(rows.map((r) => r.split('|')[1]?.trim())).toEqual(['FAIL', 'ERROR', 'PASS']);
    const message = summaryNotification(summary);
    expect(message.subject).toBe(
      'Preflight organization FAIL: 3 account(s) and region(s): 1 PASS, 1 FAIL, 1 ERROR',
    );
    expect(message.sms.length).toBeLessThanOrEqual(160);
  });
});
