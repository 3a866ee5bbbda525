import type { Checklist } from '../checklist/types';
import type { Finding } from '../findings';

export const SIGNOFFS_CHECK_ID = 'signoffs';

/** One role's answer to a sign-off request, as the state machine collected it. */
export type SignoffAnswer =
  | {
      readonly role: string;
      readonly approved: true;
      readonly by: string;
      readonly at: string;
      readonly comment?: string;
    }
  | {
      readonly role: string;
      readonly approved: false;
      readonly reason: string;
      readonly by?: string;
      readonly at?: string;
    };

/** Findings for the sign-off items: approval passes; rejection or timeout fails with its reason. */
export function evaluateSignoffs(checklist: Checklist, answers: readonly SignoffAnswer[]): Finding[] {
  return answers.map((answer) => {
    const item = checklist.items.find(
      (i) => i.verification.kind === 'signoff' && i.verification.role === answer.role,
    );
    const base = {
      checkId: SIGNOFFS_CHECK_ID,
      rule: 'signoff',
      resource: answer.role,
      ...(item ? { itemId: item.id } : {}),
    };
    if (answer.approved) {
      return {
        ...base,
        status: 'PASS',
        message: `Approved by ${answer.by} at ${answer.at}${answer.comment ? `: ${answer.comment}` : ''}.`,
        evidence: { by: answer.by, at: answer.at },
      };
    }
    return {
      ...base,
      status: 'FAIL',
      message: `Not approved: ${answer.reason}`,
      remediation: `Resolve the ${answer.role}'s concern, then run the gate again.`,
      evidence: { ...(answer.by ? { by: answer.by } : {}), ...(answer.at ? { at: answer.at } : {}) },
    };
  });
}

/** What the state machine collected for one role: its task was released, or it failed. */
export type SignoffTaskOutcome =
  | { readonly kind: 'released' }
  | { readonly kind: 'failed'; readonly error: { readonly Error?: string; readonly Cause?: string } };

/** The answer Preflight's sign-off endpoint recorded for the role, as read back from the bucket. */
export interface RecordedAnswer {
  readonly role: string;
  readonly approved: boolean;
  readonly reason?: string;
  readonly comment?: string;
  readonly by: string;
  readonly at: string;
}

const NOT_RECORDED = "no answer recorded by Preflight's sign-off endpoint";

/**
 * The answer one role gave, judged on the record Preflight's sign-off endpoint wrote (which names who
 * answered, authenticated by AWS), never on what the task was released with: anyone who read the task
 * token could have released it. Only a recorded approval for this role, made during this run, passes.
 * @param recorded the stored answer, `undefined` when there is none
 * @param runStartedAt the execution's start: an answer older than the run belongs to an earlier run
 */
export function judgeSignoff(
  role: string,
  outcome: SignoffTaskOutcome,
  recorded: RecordedAnswer | undefined,
  context: { readonly timeoutMinutes: number; readonly runStartedAt: Date },
): SignoffAnswer {
  const answer =
    recorded !== undefined &&
    recorded.role === role &&
    Date.parse(recorded.at) >= context.runStartedAt.getTime()
      ? recorded
      : undefined;
  const rejected = (a: RecordedAnswer): SignoffAnswer => ({
    role,
    approved: false,
    reason: `rejected by ${a.by}: ${a.reason ?? 'no reason given'}`,
    by: a.by,
    at: a.at,
  });
  if (outcome.kind === 'released') {
    if (answer === undefined) {
      return { role, approved: false, reason: `the sign-off was released as approved, but ${NOT_RECORDED}` };
    }
    if (!answer.approved) return rejected(answer);
    return {
      role,
      approved: true,
      by: answer.by,
      at: answer.at,
      ...(answer.comment === undefined ? {} : { comment: answer.comment }),
    };
  }
  const { error } = outcome;
  if (error.Error === 'SignoffRejected') {
    if (answer === undefined) return { role, approved: false, reason: `rejected, but ${NOT_RECORDED}` };
    if (!answer.approved) return rejected(answer);
    return {
      role,
      approved: false,
      reason: `the sign-off task was failed although an approval by ${answer.by} is recorded; not trusted`,
    };
  }
  if (error.Error === 'States.Timeout' || error.Error === 'States.HeartbeatTimeout') {
    return {
      role,
      approved: false,
      reason: `no answer within ${context.timeoutMinutes} minutes (timed out)`,
    };
  }
  return {
    role,
    approved: false,
    reason: `the sign-off request failed: ${error.Error ?? 'error'} ${error.Cause ?? ''}`.trim(),
  };
}
