import { describe, expect, it } from 'vitest';
import { describeProblems, parseControlRequest } from '../../../lambdas/core/control/request';

const signoff = { action: 'signoff', runId: 'build-7', role: 'Security Engineer', approved: true };
const abort = { action: 'abort', deploymentId: 'd-4EXAMPLE1', reason: 'performance' };

function problems(body: unknown): string {
  const parsed = parseControlRequest(body);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return describeProblems(parsed.problems);
}

describe('parseControlRequest', () => {
  it.each([
    [signoff],
    [{ ...signoff, approved: false, reason: 'open CVE-2026-1234' }],
    [{ ...signoff, comment: 'pen test done' }],
    [{ action: 'override-window', deploymentId: 'v1.2.3', reason: 'hotfix for INC-1234' }],
    [abort],
    [{ ...abort, reason: 'other', note: 'orders written twice' }],
    [{ ...abort, note: 'é'.repeat(512) }],
  ])('accepts %j', (body) => {
    expect(parseControlRequest(body)).toMatchObject({ ok: true });
  });

  it.each([
    [{ ...signoff, approved: 'no' }, /^approved: got "no"; expected a JSON boolean/],
    [{ ...signoff, approved: 'true' }, /^approved: got "true"; expected a JSON boolean/],
    [{ ...signoff, role: '' }, /^role: got ""; expected a sign-off role/],
    [{ ...signoff, role: '---' }, /^role: got "---"; expected a sign-off role/],
    [
      { ...signoff, by: 'arn:aws:iam::111122223333:role/Boss' },
      /^by: not accepted: who you are is read from the request signature/,
    ],
    [{ ...signoff, runId: '../x' }, /^runId: got "\.\.\/x"; expected a run id/],
    [{ ...signoff, approved: false }, /^reason: got nothing; expected a reason: a rejection says why/],
    [{ ...signoff, reason: 'because' }, /^reason: .*only a rejection takes one/],
    [{ ...signoff, extra: 1 }, /^extra: unknown field/],
    [
      { action: 'override-window', deploymentId: 'd-1', reason: 'x' },
      /^reason: got "x"; expected a reason of 5-500/,
    ],
    [{ action: 'override-window', deploymentId: 'd-1', reason: 'hotfix', by: 'ana' }, /^by: not accepted/],
    [{ ...abort, deploymentId: '' }, /^deploymentId: got ""; expected 1-128 letters/],
    [{ ...abort, deploymentId: '../../x' }, /^deploymentId: got "\.\.\/\.\.\/x"; expected 1-128 letters/],
    [{ ...abort, reason: 'bored' }, /^reason: got "bored"; expected one of critical-functionality/],
    [{ ...abort, reason: 'other' }, /^note: got nothing; expected a note saying why/],
    [
      { ...abort, note: 'x'.repeat(1025) },
      /^note: got "x{60}\.\.\." \(1025 characters\); expected a note of at most 1024 bytes/,
    ],
    [{ ...abort, note: 'é'.repeat(513) }, /^note: .*at most 1024 bytes \(UTF-8\)/],
    [
      { action: 'approve' },
      /^action: got "approve"; expected action "signoff", "override-window" or "abort"/,
    ],
    ['approve', /^\(body\): got "approve"; expected a JSON object with an action/],
    [null, /^\(body\): got null/],
  ])('refuses %j, saying where and what is expected', (body, message) => {
    expect(problems(body)).toMatch(message);
  });
});
