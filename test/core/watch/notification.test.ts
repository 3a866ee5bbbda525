import { describe, expect, it } from 'vitest';
import type { TriggerOutcome, WatchDecision } from '../../../lambdas/core/watch/model';
import {
  decisionNotification,
  escalationNotification,
  failureNotification,
  smsLine,
} from '../../../lambdas/core/watch/notification';

const SUBJECT = { service: 'orders', environment: 'prod', deploymentId: 'd-4EXAMPLE1', runId: 'd-4EXAMPLE1' };
const AT = Date.parse('2026-11-26T10:08:00Z');

function outcome(overrides: Partial<TriggerOutcome> = {}): TriggerOutcome {
  return {
    triggerId: 'error-rate',
    status: 'BREACH',
    reason: '5 of the last 5 judged periods > 0.05 (0.2, 0.2, 0.2, 0.2, 0.2)',
    critical: false,
    shadow: false,
    threshold: 0.05,
    comparison: '>',
    baseline: {
      fromMs: AT - 68 * 60_000,
      toMs: AT - 8 * 60_000,
      sampleCount: 60,
      expectedCount: 60,
      median: 0.005,
      p95: 0.006,
      mad: 0.001,
      reference: null,
      alreadyBreaching: false,
      unusableReason: null,
    },
    judgedPeriods: 5,
    neededPeriods: 5,
    recent: [{ startMs: AT - 7 * 60_000, value: 0.2, mark: 'B' }],
    breachingPeriods: [{ startMs: AT - 7 * 60_000, value: 0.2, mark: 'B' }],
    escalated: false,
    verdict: null,
    vetoes: 0,
    ...overrides,
  };
}

const rollback = (triggerId: string | null, extra: Partial<Omit<WatchDecision, 'kind'>> = {}) => ({
  kind: 'ROLLBACK' as const,
  triggerId,
  reason: `${triggerId}: breached`,
  decidedAtMs: AT,
  abort: null,
  ...extra,
});

describe('watch notifications', () => {
  it('tells a ROLLBACK by email with the evidence and by one SMS line, as FAIL', () => {
    const n = decisionNotification(SUBJECT, rollback('error-rate'), [outcome()], {
      action: 'codedeploy',
      succeeded: true,
      detail: 'stopped CodeDeploy deployment d-4EXAMPLE1 with rollback (Pending)',
    });

    expect(n.verdict).toBe('FAIL');
    expect(n.subject).toBe('Preflight watch ROLLBACK: orders prod (error-rate)');
    expect(n.sms).toBe('Preflight ROLLBACK orders prod: error-rate. Dep d-4EXAMPLE1');
    expect(n.email).toContain('Decision:  ROLLBACK at 2026-11-26T10:08:00.000Z');
    expect(n.email).toContain(
      'threshold > 0.05; baseline median 0.005, p95 0.006, spread 0.001 (60 of 60 periods)',
    );
    expect(n.email).toContain('breaching periods (UTC start, value): 10:01 0.2B');
    expect(n.email).toContain('Rollback:  codedeploy: done: stopped CodeDeploy deployment');
  });

  it('says loudly when the rollback action failed', () => {
    const n = decisionNotification(SUBJECT, rollback('error-rate'), [outcome()], {
      action: 'lambda',
      succeeded: false,
      detail: 'lambda:InvokeFunction failed (AccessDeniedException): no',
    });

    expect(n.subject).toContain('(rollback action FAILED)');
    expect(n.email).toContain('Roll back by hand now');
    expect(n.sms).toBe(
      'Preflight ROLLBACK orders prod: error-rate (rollback action FAILED). Dep d-4EXAMPLE1',
    );
  });

  it('names the abort reason and who asked', () => {
    const abort = {
      reason: 'performance',
      text: 'checkout slow',
      by: 'arn:aws:sts::1:assumed-role/oncall/ana',
      requestedAtMs: AT,
    } as const;
    const n = decisionNotification(
      SUBJECT,
      rollback(null, { abort: 'performance', reason: 'manual abort (performance)' }),
      [outcome({ status: 'PASS' })],
      null,
      abort,
    );

    expect(n.sms).toBe('Preflight ROLLBACK orders prod: manual abort (performance). Dep d-4EXAMPLE1');
    expect(n.email).toContain(
      'Abort:     performance by arn:aws:sts::1:assumed-role/oncall/ana at 2026-11-26T10:08:00.000Z: checkout slow',
    );
  });

  it('maps PROCEED to PASS and INCONCLUSIVE to ERROR', () => {
    const proceed = {
      kind: 'PROCEED',
      triggerId: null,
      reason: 'every trigger passed',
      decidedAtMs: AT,
      abort: null,
    } as const;
    const inconclusive = {
      ...proceed,
      kind: 'INCONCLUSIVE',
      reason: 'latency INCONCLUSIVE: 2 of the 3 periods',
    } as const;

    expect(decisionNotification(SUBJECT, proceed, [], null).verdict).toBe('PASS');
    expect(decisionNotification(SUBJECT, inconclusive, [], null)).toMatchObject({
      verdict: 'ERROR',
      sms: 'Preflight INCONCLUSIVE orders prod: latency INCONCLUSIVE: 2 of the 3 periods. Dep d-4EXAMPLE1',
    });
  });

  it('keeps every SMS within 160 characters, however long the names', () => {
    const long = { ...SUBJECT, service: 'a-very-long-service-name-'.repeat(4), deploymentId: 'd'.repeat(80) };
    const texts = [
      decisionNotification(long, rollback('x'.repeat(120)), [], null).sms,
      escalationNotification(long, 10, []).sms,
      failureNotification(long, 'Lambda.Unknown', 'x'.repeat(500)).sms,
      smsLine('head', 'label', 'middle', 'd'.repeat(200)),
    ];

    for (const sms of texts) expect(sms.length).toBeLessThanOrEqual(160);
    expect(texts[0]).toMatch(/^Preflight ROLLBACK: x+~\. Dep d{80}$/);
    expect(texts[1]).toMatch(/^Preflight watch: no metrics data for 10\+ min, cannot PROCEED\. Dep d{80}$/);
  });

  it('escalates with the starving triggers named, as ERROR', () => {
    const n = escalationNotification(SUBJECT, 10, [outcome({ status: 'ERROR', escalated: true })]);

    expect(n.verdict).toBe('ERROR');
    expect(n.email).toContain('data for more than 10 minutes (error-rate)');
    expect(n.sms).toBe(
      'Preflight watch orders prod: no metrics data for 10+ min, cannot PROCEED. Dep d-4EXAMPLE1',
    );
  });

  it('reports a failed watch that ran no rollback action as INCONCLUSIVE', () => {
    const n = failureNotification(SUBJECT, 'Lambda.Unknown', 'Runtime exited', { kind: 'none' });

    expect(n.verdict).toBe('ERROR');
    expect(n.email).toContain('Lambda.Unknown: Runtime exited');
    expect(n.email).toContain('this\nwatch ran no rollback action');
    expect(n.sms).toBe(
      'Preflight INCONCLUSIVE orders prod: watch failed (Lambda.Unknown), no rollback ran. Dep d-4EXAMPLE1',
    );
  });

  it.each([
    [
      { kind: 'ran', action: 'codedeploy', succeeded: true, detail: 'stopped d-1' },
      'FAIL',
      'its rollback action ran: codedeploy succeeded',
      'rollback codedeploy ran',
    ],
    [
      { kind: 'ran', action: 'lambda', succeeded: false, detail: 'function error' },
      'FAIL',
      'Roll back by hand now',
      'rollback lambda FAILED',
    ],
    [
      { kind: 'started', action: 'ssm-automation', startedAt: '2026-11-26T10:08:01Z' },
      'FAIL',
      'its outcome is unknown',
      'rollback ssm-automation started, outcome unknown',
    ],
    [
      { kind: 'unknown', detail: 'AccessDenied' },
      'ERROR',
      'Whether a rollback action ran is not known',
      'check if a rollback ran',
    ],
  ] as const)('never hides what the rollback marker says ran: %j', (ran, verdict, email, sms) => {
    const n = failureNotification(SUBJECT, 'AwsCallError', 'dynamodb:PutItem failed', ran);

    expect(n.verdict).toBe(verdict);
    expect(n.email).toContain(email);
    expect(n.sms).toContain(sms);
    expect(n.sms.length).toBeLessThanOrEqual(160);
    expect(`${n.email} ${n.sms}`).not.toMatch(/nothing was\s+rolled back|no rollback ran/);
  });
});
