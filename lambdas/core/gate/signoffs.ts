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

/**
 * The answer a failed sign-off task stands for: `SignoffRejected` carries the approver's reason
 * (JSON cause written by `preflight approve --reject`); a timeout means nobody answered in time.
 */
export function answerFromTaskFailure(
  role: string,
  error: { readonly Error?: string; readonly Cause?: string },
  timeoutMinutes: number,
): SignoffAnswer {
  if (error.Error === 'SignoffRejected') {
    try {
      const cause = JSON.parse(error.Cause ?? '{}') as { reason?: string; by?: string; at?: string };
      return {
        role,
        approved: false,
        reason: `rejected${cause.by ? ` by ${cause.by}` : ''}: ${cause.reason ?? 'no reason given'}`,
        ...(cause.by ? { by: cause.by } : {}),
        ...(cause.at ? { at: cause.at } : {}),
      };
    } catch {
      return { role, approved: false, reason: `rejected: ${error.Cause ?? 'no reason given'}` };
    }
  }
  if (error.Error === 'States.Timeout' || error.Error === 'States.HeartbeatTimeout') {
    return { role, approved: false, reason: `no answer within ${timeoutMinutes} minutes (timed out)` };
  }
  return {
    role,
    approved: false,
    reason: `the sign-off request failed: ${error.Error ?? 'error'} ${error.Cause ?? ''}`.trim(),
  };
}
