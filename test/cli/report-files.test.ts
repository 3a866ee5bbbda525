import type { Log, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { type CliRun, runCli } from '../support/cli';
import { expectValidJunit, expectValidSarif, sarifSchemaErrors } from '../support/report-formats';

/** The sample organization's reports, as `--format json` prints them: what the files must agree with. */
let reports: AuditReport[];

beforeAll(async () => {
  const json = await runCli(['audit', '--sample', '--format', 'json', '--quiet']);
  reports = JSON.parse(json.stdout) as AuditReport[];
});

const actionable = (report: AuditReport) =>
  report.findings.filter((f) => f.status !== 'PASS' && f.status !== 'SKIPPED');

describe('preflight audit --format sarif', () => {
  let run: CliRun;
  let log: Log;

  beforeAll(async () => {
    run = await runCli(['audit', '--sample', '--format', 'sarif', '--quiet']);
    log = JSON.parse(run.stdout) as Log;
  });

  it('prints a SARIF 2.1.0 log valid against the published schema, exiting by the verdict', () => {
    expectValidSarif(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(run.code).toBe(1);
  });

  it('has one run per service and environment, each its own code scanning category', () => {
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual([
      'preflight/orders-api/prod/',
      'preflight/payments/prod/',
      'preflight/catalog/staging/',
    ]);
    expect(log.runs.map((r) => r.properties?.verdict)).toEqual(reports.map((r) => r.verdict));
  });

  it('reports every finding to act on, and nothing that passed', () => {
    log.runs.forEach((run, i) => {
      const report = reports[i] as AuditReport;
      expect(run.results).toHaveLength(actionable(report).length);
      expect(run.results?.map((r) => r.properties?.status)).not.toContain('PASS');
    });
  });

  it('maps a FAIL to an error on its rule, with the resource as a logical location and the fix as help', () => {
    const payments = log.runs[1];
    const report = reports[1] as AuditReport;
    const failure = report.findings.find((f) => f.status === 'FAIL' && f.remediation !== undefined);
    expect(failure).toBeDefined();
    const result = payments?.results?.find(
      (r: Result) =>
        r.ruleId === `${failure?.checkId}/${failure?.rule}` &&
        r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName === failure?.resource,
    );
    expect(result?.level).toBe('error');
    expect(result?.kind).toBe('fail');
    expect(result?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('preflight.config.json');
    const rule = payments?.tool.driver.rules?.[result?.ruleIndex ?? -1];
    expect(rule?.id).toBe(result?.ruleId);
    expect(rule?.help?.text).toBe(failure?.remediation);
  });

  it('has one rule per check rule, each result pointing at its own', () => {
    for (const run of log.runs) {
      const ids = run.tool.driver.rules?.map((r) => r.id) ?? [];
      expect(new Set(ids).size).toBe(ids.length);
      for (const result of run.results ?? []) expect(ids[result.ruleIndex ?? -1]).toBe(result.ruleId);
    }
  });

  it('says a check that could not run could not tell, as an error (ERROR never reads as a pass)', () => {
    const errors = log.runs[2]?.results?.filter((r) => r.properties?.status === 'ERROR') ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.level).toBe('error');
      expect(e.message.text).toMatch(/^Could not check: /);
    }
  });

  it('gives each result a fingerprint that stays the same from run to run', async () => {
    const again = JSON.parse(
      (await runCli(['audit', '--sample', '--format', 'sarif', '--quiet'])).stdout,
    ) as Log;
    const prints = (l: Log) => l.runs.flatMap((r) => r.results?.map((x) => x.partialFingerprints) ?? []);
    expect(prints(again)).toEqual(prints(log));
    const all = prints(log).map((p) => p?.['preflightFinding/v1']);
    expect(new Set(all).size).toBe(all.length);
  });

  it('is checked by a validator that rejects what is not SARIF', () => {
    const broken = structuredClone(log);
    (broken.runs[0]?.results?.[0] as { level: string }).level = 'fatal';
    expect(sarifSchemaErrors(broken)).not.toEqual([]);
    expect(sarifSchemaErrors({ ...log, version: '2.0.0' })).not.toEqual([]);
  });
});

describe('preflight audit --format junit', () => {
  let run: CliRun;

  beforeAll(async () => {
    run = await runCli(['audit', '--sample', '--format', 'junit', '--quiet']);
  });

  it('prints JUnit XML a CI parser reads, one suite per service and environment, one case per item', async () => {
    const suites = await expectValidJunit(run.stdout);
    expect(run.code).toBe(1);
    expect(suites.map((s) => s.name)).toEqual([
      'preflight.orders-api.prod',
      'preflight.payments.prod',
      'preflight.catalog.staging',
    ]);
    expect(suites.map((s) => s.tests)).toEqual(reports.map((r) => r.items.length));
  });

  it('fails exactly the items that block, and errors the ones that could not be checked', async () => {
    const suites = await expectValidJunit(run.stdout);
    suites.forEach((suite, i) => {
      const report = reports[i] as AuditReport;
      const failed = (suite.testcase ?? [])
        .filter((c) => (c.failure ?? []).length + (c.error ?? []).length > 0)
        .map((c) => c.name?.split(':')[0]);
      expect(failed.sort()).toEqual([...report.blockingItems].sort());
    });
    const catalog = suites[2]?.testcase?.find((c) => (c.error ?? []).length > 0);
    expect(catalog?.error?.[0]?.inner).toMatch(/secretsmanager:ListSecrets was denied/);
    expect(suites[0]?.failures).toBe(0);
  });

  it("puts the findings and their fixes in the failure's text", async () => {
    const suites = await expectValidJunit(run.stdout);
    const failure = suites[1]?.testcase?.find((c) => (c.failure ?? []).length > 0)?.failure?.[0];
    expect(failure?.type).toBe('FAIL');
    expect(failure?.inner).toMatch(/^FAIL \S+\/\S+/m);
    expect(failure?.inner).toMatch(/\n {2}fix: /);
  });
});

describe('--format', () => {
  it('names every format when given another', async () => {
    const run = await runCli(['audit', '--sample', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected one of text, json, markdown, sarif, junit/);
  });
});
