import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListAccountsForParentCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import { functionByEntry, invokeFunction } from '../harness/functions';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { emailOf } from './audit-machine';
import { fanoutMachineFor, runFanout } from './fanout-machine';
import { ALPHA, BETA, certArn, GAMMA, ORG_CONFIG, OWN, stubOrganization } from './fanout-org';

/*
 * The scheduled posture audit fanned out over every environment × region and every ACTIVE account of
 * an OU × the organization's regions, through the harness: the synthesized machine, its Distributed
 * Map's children run inline with the real handlers, AWS (STS and Organizations included) stubbed at
 * the SDK clients and answering per account and region.
 */

const s3 = stubS3();
const org = stubOrganization();
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  org.restore();
});

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = fanoutMachineFor(ORG_CONFIG);
});
beforeEach(() => {
  s3.install();
  org.install();
});

/** Child index → the target it audited, as the plan lists them. */
const TARGETS = [
  ['prod', OWN, 'us-east-1'],
  ['prod', OWN, 'eu-west-1'],
  ['organization', ALPHA, 'us-east-1'],
  ['organization', ALPHA, 'eu-west-1'],
  ['organization', BETA, 'us-east-1'],
  ['organization', BETA, 'eu-west-1'],
] as const;

describe('fan-out over two environments’ accounts and an OU, two regions each', () => {
  it('audits every account and region in a child of its own, one report each', async () => {
    const run = await runFanout(s3, machine);

    expect(run.error).toBeUndefined();
    expect(run.mapRuns).toHaveLength(1);
    expect(run.mapRuns[0]?.items).toBe(TARGETS.length);
    expect(run.mapRuns[0]?.children.every((child) => child.error === undefined)).toBe(true);
    for (const [index, [environment, account, region]] of TARGETS.entries()) {
      expect(run.report(index).target).toMatchObject({ environment, account, region, implicit: true });
    }
  });

  it('reports the account whose role cannot be assumed as ERROR in each region, and judges the others on their own resources', async () => {
    const run = await runFanout(s3, machine);

    expect(run.output).toMatchObject({ verdict: 'FAIL', targets: { total: 6, PASS: 3, FAIL: 1, ERROR: 2 } });
    for (const index of [4, 5]) {
      const report = run.report(index);
      expect(report.verdict).toBe('ERROR');
      expect(report.findings.every((f) => f.status === 'ERROR' && f.rule === 'access')).toBe(true);
      expect(report.findings[0]?.message).toMatch(
        `could not assume arn:aws:iam::${BETA}:role/preflight-audit`,
      );
    }
    const alphaEu = run.report(3);
    expect(alphaEu.verdict).toBe('FAIL');
    expect(alphaEu.findings.filter((f) => f.status === 'FAIL').map((f) => f.resource)).toEqual([
      certArn('eu-west-1', ALPHA, 'expiring'),
    ]);
    expect([0, 1, 2].map((index) => run.report(index).verdict)).toEqual(['PASS', 'PASS', 'PASS']);
    // Each account's role is assumed with the organization's external id; never another account's.
    expect(new Set(org.assumed.map((a) => `${a.RoleArn} ${a.ExternalId}`))).toEqual(
      new Set([ALPHA, BETA].map((id) => `arn:aws:iam::${id}:role/preflight-audit preflight-org`)),
    );
  });

  it('judges account-wide checks once per account: in its first region only', async () => {
    const run = await runFanout(s3, machine);

    const iamJudged = TARGETS.map((_, index) =>
      run.report(index).checks.some((check) => check.checkId === 'iam-access-keys'),
    );
    expect(iamJudged).toEqual([true, false, true, false, true, false]);
  });

  it('writes one organization summary, JSON and Markdown, with every target, the suspended account and the OUs listed', async () => {
    const run = await runFanout(s3, machine);

    const summary = run.summary;
    expect(summary?.verdict).toBe('FAIL');
    expect(summary?.results.map((r) => `${r.account} ${r.region} ${r.verdict}`)).toEqual(
      TARGETS.map(
        ([, account, region], i) =>
          `${account} ${region} ${['PASS', 'PASS', 'PASS', 'FAIL', 'ERROR', 'ERROR'][i]}`,
      ),
    );
    expect(summary?.results[4]?.report?.json).toMatch(new RegExp(`runs/${run.name}-4/report\\.json$`));
    expect(summary?.notAudited).toEqual([
      { id: GAMMA, name: 'Gamma', state: 'SUSPENDED', parent: 'ou-ab12-22222222' },
    ]);
    expect(summary?.units).toEqual(['ou-ab12-11111111', 'ou-ab12-22222222']);
    const markdown = [...s3.objects.entries()].find(([key]) =>
      key.endsWith(`runs/${run.name}/summary.md`),
    )?.[1];
    expect(markdown).toContain('| FAIL | account 111111111111 eu-west-1 |');
    expect(markdown).toContain(`| ${GAMMA} | Gamma | SUSPENDED |`);
  });

  it('alerts each account whose posture changed on its own, then sends the organization summary once', async () => {
    const run = await runFanout(s3, machine);

    const subjects = run.published.map((m) => m.subject);
    expect(subjects.filter((s) => s?.startsWith('Preflight posture')).sort()).toEqual(
      [
        `Preflight posture ERROR (account 222222222222 eu-west-1): ${run.report(5).findings.length} new failure(s), 0 recovered`,
        `Preflight posture ERROR (account 222222222222 us-east-1): ${run.report(4).findings.length} new failure(s), 0 recovered`,
        'Preflight posture FAIL (account 111111111111 eu-west-1): 1 new failure(s), 0 recovered',
      ].sort(),
    );
    const organization = run.published.filter((m) => m.subject?.startsWith('Preflight organization'));
    expect(organization).toHaveLength(1);
    expect(organization[0]?.subject).toBe(
      'Preflight organization FAIL: 6 account(s) and region(s): 3 PASS, 1 FAIL, 2 ERROR',
    );
    expect(emailOf(organization[0])).toMatch(/ERROR account 222222222222 us-east-1: .*\(alerted\)/);
    expect(emailOf(organization[0])).not.toMatch(/fan-out stopped/);
  });

  it('tells nobody anything the next day when nothing changed, and remembers each account apart', async () => {
    await runFanout(s3, machine, { name: 'day-1' });
    s3.install({ clear: false });
    const again = await runFanout(s3, machine, { name: 'day-2' });

    expect(again.output?.verdict).toBe('FAIL');
    expect(again.published).toEqual([]);
    const memories = [...s3.objects.keys()].filter((key) => key.includes('/posture/')).sort();
    expect(memories).toEqual(
      expect.arrayContaining([
        expect.stringMatching(`/posture/scheduled/account/${BETA}/us-east-1/failing.json$`),
        expect.stringMatching(`/posture/scheduled/account/${ALPHA}/eu-west-1/failing.json$`),
      ]),
    );
  });
});

describe('fan-out when things go wrong', () => {
  const buildReport = () => functionByEntry(machine, 'lambdas/handlers/audit/build-report.ts');
  /** The report step, broken for the children whose run id ends in one of `indexes`. */
  const breakReports = (...indexes: number[]) => ({
    'Build target report': async (input: unknown) => {
      const runId = (input as { audit: { runId: string } }).audit.runId;
      // An outcome without a verdict: the child's next state fails on it, so the child execution fails.
      if (indexes.some((i) => runId.endsWith(`-${i}`))) return {};
      return (await invokeFunction(buildReport(), input)) as never;
    },
  });

  it('keeps an OU that cannot be listed as an ERROR of the summary, and still audits everything else', async () => {
    org.organizations.on(ListAccountsForParentCommand).rejects(
      Object.assign(new Error('You don’t have permissions to access this resource.'), {
        name: 'AccessDeniedException',
      }),
    );
    const run = await runFanout(s3, machine);

    expect(run.mapRuns[0]?.items).toBe(2);
    expect(run.output).toMatchObject({ verdict: 'ERROR', targets: { total: 2, PASS: 2 } });
    expect(run.summary?.listingProblems.map((p) => p.parent)).toEqual([
      'ou-ab12-11111111',
      'ou-ab12-22222222',
    ]);
    const organization = run.published.find((m) => m.subject?.startsWith('Preflight organization'));
    expect(emailOf(organization)).toMatch(/OU ou-ab12-11111111 NOT LISTED: The accounts of ou-ab12-11111111/);
  });

  it('tolerates a failed child up to the configured percentage: that target is an ERROR, the others are judged', async () => {
    const tolerant = fanoutMachineFor({
      ...ORG_CONFIG,
      schedules: { audit: { toleratedFailurePercentage: 20 } },
    });
    const run = await runFanout(s3, tolerant, { tasks: breakReports(3) });

    expect(run.mapRuns[0]?.children.filter((c) => c.error !== undefined).map((c) => c.index)).toEqual([3]);
    expect(run.output).toMatchObject({ verdict: 'ERROR', targets: { total: 6, PASS: 3, FAIL: 0, ERROR: 3 } });
    expect(run.summary?.results[3]).toMatchObject({
      verdict: 'ERROR',
      problem: expect.stringMatching(/^its audit did not finish \(FAILED: /),
    });
    expect(run.summary?.results[4]).toMatchObject({ verdict: 'ERROR', report: expect.anything() });
  });

  it('stops starting children once more fail than tolerated, and still summarizes every target as not judged', async () => {
    const strict = fanoutMachineFor({
      ...ORG_CONFIG,
      schedules: { audit: { toleratedFailurePercentage: 0, maxConcurrency: 1 } },
    });
    const run = await runFanout(s3, strict, { tasks: breakReports(0, 1, 2, 3, 4, 5) });

    expect(run.error).toBeUndefined();
    expect(run.mapRuns[0]?.stopped).toBe(true);
    expect(run.mapRuns[0]?.children).toHaveLength(1);
    expect(run.mapRuns[0]?.maxInFlight).toBe(1);
    expect(run.output).toMatchObject({ verdict: 'ERROR', targets: { total: 6, ERROR: 6 } });
    expect(run.summary?.fanoutError).toMatch(/^States\.ExceedToleratedFailureThreshold/);
    expect(run.published.map((m) => m.subject)).toEqual([
      'Preflight organization ERROR: 6 account(s) and region(s): 0 PASS, 0 FAIL, 6 ERROR',
    ]);
  });

  it('runs at most MaxConcurrency children at once', async () => {
    const narrow = fanoutMachineFor({ ...ORG_CONFIG, schedules: { audit: { maxConcurrency: 2 } } });
    const run = await runFanout(s3, narrow);
    expect(run.mapRuns[0]?.maxInFlight).toBe(2);
    expect(run.mapRuns[0]?.children).toHaveLength(6);
  });

  it('refuses an item that is not a scheduled audit, read back from S3: never a gate, never recorded', async () => {
    const list = functionByEntry(machine, 'lambdas/handlers/fanout/list-targets.ts');
    const run = await runFanout(s3, machine, {
      tasks: {
        // The items object, rewritten after the list step wrote it: one child is handed a gate.
        'List targets': async (input) => {
          const out = (await invokeFunction(list, input)) as { items: { bucket: string; key: string } };
          const key = `${out.items.bucket}/${out.items.key}`;
          const items = JSON.parse(s3.objects.get(key) as string) as unknown[];
          items[0] = { mode: 'gate', environment: 'prod' };
          s3.objects.set(key, JSON.stringify(items));
          return out as never;
        },
      },
    });

    expect(run.summary?.results[0]).toMatchObject({
      verdict: 'ERROR',
      problem: expect.stringMatching(/^it was not audited: InvalidInputError: .*accepts only mode scheduled/),
    });
    expect(run.mapRuns[0]?.children[0]?.statesEntered).not.toContain('Run target check');
    expect(org.account.mocks.dynamodb).not.toHaveReceivedCommand(PutItemCommand);
    expect(run.summary?.results.slice(1).map((r) => r.verdict)).toEqual([
      'PASS',
      'PASS',
      'FAIL',
      'ERROR',
      'ERROR',
    ]);
  });
});
