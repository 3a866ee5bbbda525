import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fanoutKeys } from '../../lambdas/core/fanout/keys';
import type { TargetPlan } from '../../lambdas/core/fanout/targets';
import { PlanUnreadableError, run } from '../../lambdas/handlers/fanout/summarize';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

/*
 * The summary step reads back what the list step and the Distributed Map's ResultWriter wrote. It
 * believes only this run's own plan, and a manifest in this bucket under the fan-out's prefix:
 * anything else leaves every target without a result, an ERROR.
 */

process.env.REPORT_BUCKET = 'reports';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';

const s3 = stubS3();

afterAll(() => {
  s3.mock.restore();
});
const PLAN: TargetPlan = {
  targets: [
    {
      item: { mode: 'scheduled', account: '111111111111', region: 'eu-west-1' },
      source: 'organization',
      account: '111111111111',
      region: 'eu-west-1',
      label: 'account 111111111111 eu-west-1',
    },
  ],
  notAudited: [],
};
const OUTPUT = {
  runId: 'daily-0',
  verdict: 'PASS',
  counts: { PASS: 3, WARN: 0, FAIL: 0, ERROR: 0, SKIPPED: 0 },
  reportLocation: {
    json: 's3://reports/runs/daily-0/report.json',
    markdown: 's3://reports/runs/daily-0/report.md',
  },
  alert: { status: 'none' },
};

function exported(directory: string) {
  const records = [
    { Status: 'SUCCEEDED', Input: JSON.stringify({ index: 0 }), Output: JSON.stringify(OUTPUT) },
  ];
  s3.objects.set(`reports/${directory}/SUCCEEDED_0.json`, JSON.stringify(records));
  s3.objects.set(
    `reports/${directory}/manifest.json`,
    JSON.stringify({
      ResultFiles: { SUCCEEDED: [{ Key: `${directory}/SUCCEEDED_0.json` }], FAILED: [], PENDING: [] },
    }),
  );
  return `${directory}/manifest.json`;
}

const summarize = (results: unknown) =>
  run({ runId: 'daily', now: '2026-11-26T06:00:00Z', results: results as never, fanoutError: {} });

describe('summarize handler', () => {
  beforeEach(() => {
    s3.install();
    s3.objects.set(`reports/${fanoutKeys.plan('daily')}`, JSON.stringify(PLAN));
  });

  it('reads the children’s outcomes from the export the map names, and stores the summary', async () => {
    const key = exported('fanout-results/1f2e');
    const outcome = await summarize({ ResultWriterDetails: { Bucket: 'reports', Key: key } });
    expect(outcome).toMatchObject({ verdict: 'PASS', targets: { total: 1, PASS: 1 }, notify: false });
    expect(outcome.summaryLocation).toEqual({
      json: 's3://reports/runs/daily/summary.json',
      markdown: 's3://reports/runs/daily/summary.md',
    });
    expect(s3.json<{ verdict: string }>('runs/daily/summary.json').verdict).toBe('PASS');
  });

  it.each([
    ['another bucket', { Bucket: 'elsewhere', Key: 'fanout-results/1f2e/manifest.json' }],
    ['another prefix', { Bucket: 'reports', Key: 'runs/x/manifest.json' }],
    ['a key climbing out', { Bucket: 'reports', Key: 'fanout-results/../runs/manifest.json' }],
  ])('believes no outcome from a manifest in %s: every target is an ERROR', async (_name, details) => {
    exported('runs/x');
    exported('fanout-results/1f2e');
    const outcome = await summarize({ ResultWriterDetails: details });
    expect(outcome).toMatchObject({ verdict: 'ERROR', targets: { total: 1, ERROR: 1 }, notify: true });
    expect(outcome.notification.email).toMatch(
      /ResultsUnreadable: the map's results are not where this stack exports them/,
    );
  });

  it('refuses to summarize without this run’s own plan', async () => {
    s3.objects.clear();
    await expect(summarize({})).rejects.toThrow(PlanUnreadableError);
    s3.objects.set(`reports/${fanoutKeys.plan('daily')}`, JSON.stringify({ targets: 'all of them' }));
    await expect(summarize({})).rejects.toThrow(/runs\/daily\/plan\.json is missing or malformed/);
  });
});
