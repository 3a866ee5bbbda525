import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import type { Mute } from '../../../lambdas/core/config/mutes-schema';
import type { CheckResult, Finding, FindingStatus } from '../../../lambdas/core/findings';
import { applyMutes, MAX_MUTE_DAYS, muteState } from '../../../lambdas/core/mutes/apply';
import { buildReport } from '../../../lambdas/core/report/build';

const NOW = new Date('2026-11-30T10:00:00Z');
const DB = 'arn:aws:rds:eu-west-1:111122223333:cluster:payments-aurora';
const LEGACY = 'arn:aws:rds:eu-west-1:111122223333:db:legacy-1';

const finding = (status: FindingStatus, resource = DB, checkId = 'database-backups'): Finding => ({
  checkId,
  rule: 'retention',
  resource,
  status,
  message: `${status} on ${resource}`,
});

const result = (
  findings: Finding[],
  checkId = 'database-backups',
  scope?: CheckResult['scope'],
): CheckResult => ({
  checkId,
  startedAt: NOW.toISOString(),
  durationMs: 1,
  findings,
  ...(scope === undefined ? {} : { scope }),
});

const mute = (over: Partial<Mute> = {}): Mute => ({
  check: 'database-backups',
  resource: DB,
  reason: 'Restore test booked (OPS-77).',
  until: '2026-12-31',
  ...over,
});

const statuses = (results: CheckResult[]) =>
  results.flatMap((r) => r.findings.map((f) => `${f.rule} ${f.status}`));

describe('applyMutes', () => {
  it.each([
    { case: 'a FAIL on the muted ARN', found: 'FAIL', resource: DB, over: {}, expected: 'MUTED' },
    { case: 'a WARN on the muted ARN', found: 'WARN', resource: DB, over: {}, expected: 'MUTED' },
    {
      case: 'an ERROR: a check that could not tell is never muted',
      found: 'ERROR',
      resource: DB,
      over: {},
      expected: 'ERROR',
    },
    { case: 'a PASS stays a PASS', found: 'PASS', resource: DB, over: {}, expected: 'PASS' },
    { case: 'another resource', found: 'FAIL', resource: LEGACY, over: {}, expected: 'FAIL' },
    {
      case: 'a glob over ARNs',
      found: 'FAIL',
      resource: LEGACY,
      over: { resource: 'arn:aws:rds:eu-west-1:111122223333:db:legacy-*' },
      expected: 'MUTED',
    },
    {
      case: 'a glob does not reach past its pattern',
      found: 'FAIL',
      resource: `${LEGACY}x:db:other`,
      over: { resource: 'arn:aws:rds:eu-west-1:111122223333:db:legacy-?' },
      expected: 'FAIL',
    },
    {
      case: 'a glob treats regular expression characters literally',
      found: 'FAIL',
      resource: 'arn:aws:rds:eu-west-1:111122223333:db:legacyX1',
      over: { resource: 'arn:aws:rds:eu-west-1:111122223333:db:legacy.1' },
      expected: 'FAIL',
    },
    {
      case: "another check's mute",
      found: 'FAIL',
      resource: DB,
      over: { check: 'alarms' },
      expected: 'FAIL',
    },
    {
      case: 'on its until day (UTC), it still mutes',
      found: 'FAIL',
      resource: DB,
      over: { until: '2026-11-30' },
      expected: 'MUTED',
    },
    {
      case: 'the day after until, it mutes nothing',
      found: 'FAIL',
      resource: DB,
      over: { until: '2026-11-29' },
      expected: 'FAIL',
    },
    {
      case: `reaching more than ${MAX_MUTE_DAYS} days ahead, it mutes nothing`,
      found: 'FAIL',
      resource: DB,
      over: { until: '2028-01-01' },
      expected: 'FAIL',
    },
  ] as const)('$case: $found becomes $expected', ({ found, resource, over, expected }) => {
    const [out] = applyMutes([result([finding(found, resource)])], [mute(over)], NOW);
    expect(out?.findings[0]?.status).toBe(expected);
  });

  it('carries the mute on the finding: what it was, the reason and the expiry', () => {
    const [out] = applyMutes([result([finding('FAIL')])], [mute({ since: '2026-11-01' })], NOW);
    expect(out?.findings[0]).toMatchObject({
      status: 'MUTED',
      mute: {
        status: 'FAIL',
        resource: DB,
        reason: 'Restore test booked (OPS-77).',
        until: '2026-12-31',
        since: '2026-11-01',
      },
    });
  });

  it('matches tag:Key=Value against the tags the service scope saw on the resource, and nothing else', () => {
    const scope = {
      service: 'payments',
      resources: [{ arn: DB, why: [{ by: 'tags' as const, tags: { service: 'payments' } }] }],
      unmatched: [],
    };
    const results = [result([finding('FAIL'), finding('FAIL', LEGACY)], 'database-backups', scope)];
    expect(statuses(applyMutes(results, [mute({ resource: 'tag:service=payments' })], NOW))).toEqual([
      'retention MUTED',
      'retention FAIL',
    ]);
    expect(statuses(applyMutes(results, [mute({ resource: 'tag:service=orders' })], NOW))).toEqual([
      'retention FAIL',
      'retention FAIL',
    ]);
  });

  it('reports an expired mute once, as a WARN of its check naming it, and stops muting', () => {
    const results = [
      result([{ ...finding('FAIL'), region: 'eu-west-1' }]),
      result([{ ...finding('FAIL'), region: 'us-east-1' }]),
    ];
    const out = applyMutes(results, [mute({ until: '2026-10-31' })], NOW);
    expect(statuses(out)).toEqual(['retention FAIL', 'mute-expired WARN', 'retention FAIL']);
    const warn = out[0]?.findings[1];
    expect(warn).toMatchObject({ checkId: 'database-backups', resource: DB });
    expect(warn?.message).toContain(`The mute of database-backups ${DB} expired after 2026-10-31`);
    expect(warn?.message).toContain('Restore test booked (OPS-77).');
  });

  it('says nothing of a mute of a check the run did not judge', () => {
    expect(applyMutes([result([finding('FAIL')], 'alarms')], [mute({ until: '2026-10-31' })], NOW)).toEqual([
      result([finding('FAIL')], 'alarms'),
    ]);
  });

  it('undoes a MUTED a check result claimed without a configured mute: only the configuration mutes', () => {
    const forged = { ...finding('FAIL'), status: 'MUTED' as const };
    expect(statuses(applyMutes([result([forged])], [], NOW))).toEqual(['retention FAIL']);
    const forgedWithMute = {
      ...finding('WARN'),
      status: 'MUTED' as const,
      mute: { status: 'WARN' as const, resource: DB, reason: 'x', until: '2099-01-01' },
    };
    expect(applyMutes([result([forgedWithMute])], [], NOW)[0]?.findings[0]).toEqual(finding('WARN'));
  });

  it.each([
    ['2026-11-30', 'active'],
    ['2026-11-29', 'expired'],
    ['2027-12-01', 'active'],
    ['2027-12-02', 'too-long'],
  ] as const)('a mute until %s is %s on 2026-11-30', (until, state) => {
    expect(muteState({ until }, NOW)).toBe(state);
  });
});

describe('buildReport with mutes', () => {
  const build = (results: CheckResult[], mutes: Mute[] = []) =>
    buildReport({
      checklist: SEED_CHECKLIST,
      results,
      now: NOW,
      label: 'payments',
      warnBlocks: false,
      mutes,
    });
  const item = (report: ReturnType<typeof build>) =>
    report.items.find((i) => i.checkIds.includes('database-backups'));

  it('reports a muted FAIL as MUTED, never as a PASS, and lets the verdict pass', () => {
    const report = build([result([finding('FAIL'), finding('PASS', LEGACY)])], [mute()]);
    expect(report.verdict).toBe('PASS');
    expect(report.counts).toMatchObject({ PASS: 1, FAIL: 0, MUTED: 1 });
    expect(item(report)?.status).toBe('MUTED');
    expect(item(report)?.counts).toMatchObject({ PASS: 1, MUTED: 1 });
    expect(report.blockingItems).toEqual([]);
    expect(report.checks[0]?.status).toBe('MUTED');
  });

  it('still fails on an ERROR beside a muted FAIL: errors are not mutable', () => {
    const report = build(
      [result([finding('FAIL'), finding('ERROR', LEGACY)])],
      [mute(), mute({ resource: LEGACY })],
    );
    expect(report.verdict).toBe('ERROR');
    expect(item(report)?.status).toBe('ERROR');
  });

  it('fails again once the mute expired, with the expired mute reported', () => {
    const report = build([result([finding('FAIL')])], [mute({ until: '2026-11-29' })]);
    expect(report.verdict).toBe('FAIL');
    expect(report.findings.map((f) => `${f.rule} ${f.status}`)).toEqual([
      'retention FAIL',
      'mute-expired WARN',
    ]);
  });

  it('blocks with an expired mute alone when warnings block', () => {
    const report = buildReport({
      checklist: SEED_CHECKLIST,
      results: [result([finding('PASS')])],
      now: NOW,
      label: 'payments',
      warnBlocks: true,
      mutes: [mute({ until: '2026-11-01' })],
    });
    expect(report.verdict).toBe('FAIL');
  });
});
