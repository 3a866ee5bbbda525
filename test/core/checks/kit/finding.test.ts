import { describe, expect, it } from 'vitest';
import { errorFinding, findingBuilder } from '../../../../lambdas/core/checks/kit/finding';
import { mapOutcome, settle } from '../../../../lambdas/core/checks/kit/outcome';
import { AwsCallError } from '../../../../lambdas/core/errors';

const build = findingBuilder<'retention' | 'recent-events'>('log-delivery');

describe('the finding builder', () => {
  it('writes the check id once and the rule and resource of each finding', () => {
    expect(build('retention', 'arn:log-group', { status: 'PASS', message: 'Kept 30 days.' })).toEqual({
      checkId: 'log-delivery',
      rule: 'retention',
      resource: 'arn:log-group',
      status: 'PASS',
      message: 'Kept 30 days.',
    });
  });

  it('turns a failed read into an ERROR naming the call, its fix and its code', () => {
    const denied = new AwsCallError('logs:DescribeLogGroups', 'access-denied', 'AccessDeniedException', 'no');
    const finding = errorFinding(build, 'recent-events', '*', denied, { minutes: 15 });
    expect(finding).toMatchObject({
      checkId: 'log-delivery',
      rule: 'recent-events',
      status: 'ERROR',
      evidence: { minutes: 15, code: 'AccessDeniedException' },
    });
    expect(finding.message).toContain('logs:DescribeLogGroups');
    expect(finding.remediation).toContain('logs:DescribeLogGroups');
  });
});

describe('settle', () => {
  it('keeps a value, and keeps a failure a failure through mapOutcome', async () => {
    const ok = await settle(async () => [1, 2]);
    const failed = await settle<number[]>(async () => {
      throw new Error('throttled');
    });
    expect(mapOutcome(ok, (v) => v.length)).toEqual({ ok: true, value: 2 });
    expect(mapOutcome(failed, (v) => v.length)).toMatchObject({ ok: false, error: new Error('throttled') });
  });
});
