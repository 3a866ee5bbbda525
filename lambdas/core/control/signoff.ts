import { roleSlug } from '../gate/signoff-role';
import { ownEntry } from '../own';
import { controlKeys } from './keys';
import type { ControlPorts } from './ports';
import { allowingPattern, type Caller } from './principal';
import { type SignoffAnswerRecord, SignoffAnswerRecordSchema, SignoffRequestRecordSchema } from './records';
import type { SignoffControlRequest } from './request';
import { type ControlResponse, conflict, forbidden, notFound, ok } from './response';
import type { ControlSettings } from './settings';

/** The task failure a rejection sends; its cause carries no reason or name, which are in the record. */
export const SIGNOFF_REJECTED = 'SignoffRejected';

function describeAnswer(answer: SignoffAnswerRecord): string {
  return `${answer.approved ? 'approved' : 'rejected'} by ${answer.by} at ${answer.at}`;
}

/**
 * Answers a pending sign-off for one role: the role must be configured, the caller must match the
 * role's approvers, a request must be pending for the run. The answer is recorded once (a second
 * one gets 409 naming the first), then the waiting task is released with the stored token.
 */
export async function answerSignoff(
  request: SignoffControlRequest,
  caller: Caller,
  settings: ControlSettings,
  ports: ControlPorts,
  now: Date,
): Promise<ControlResponse> {
  const scopes = [
    { key: 'gate.signoffs.approvers', approvers: settings.approvers },
    ...Object.entries(settings.services ?? {}).flatMap(([name, s]) =>
      s.approvers === undefined
        ? []
        : [{ key: `services.${name}.signoffs.approvers`, approvers: s.approvers }],
    ),
  ];
  const roles = [...new Set(scopes.flatMap((scope) => Object.keys(scope.approvers)))];
  const role = roles.find((r) => roleSlug(r) === roleSlug(request.role));
  if (role === undefined) {
    return notFound(
      `"${request.role}" is not a sign-off role of this gate; the roles are ${roles.map((r) => `"${r}"`).join(', ') || 'none (gate.signoffs.roles is empty)'}.`,
    );
  }
  // Someone no configuration lets answer for this role is refused before anything is read.
  // Own entries only: a scope without the role would otherwise answer `constructor` with a function.
  const anyPatterns = scopes.flatMap((scope) => ownEntry(scope.approvers, role) ?? []);
  if (allowingPattern(caller, anyPatterns) === undefined) {
    const [first] = scopes.filter((scope) => ownEntry(scope.approvers, role) !== undefined);
    return forbidden(
      caller,
      `sign off for "${role}"`,
      (first === undefined ? undefined : ownEntry(first.approvers, role)) ?? [],
      `${first?.key ?? 'gate.signoffs.approvers'}["${role}"]`,
    );
  }

  const stored = await ports.store.getJson(controlKeys.signoffRequest(request.runId, role));
  const pending = SignoffRequestRecordSchema.safeParse(stored);
  if (
    stored === undefined ||
    !pending.success ||
    pending.data.role !== role ||
    pending.data.runId !== request.runId
  ) {
    return notFound(`No sign-off is pending for "${role}" on run ${request.runId}.`);
  }
  // The gate's own service decides: its approvers, or the defaults when it has none of its own.
  const service = pending.data.service;
  const own = service === undefined ? undefined : ownEntry(settings.services ?? {}, service)?.approvers;
  const key = own === undefined ? 'gate.signoffs.approvers' : `services.${service}.signoffs.approvers`;
  const approvers = own ?? settings.approvers;
  if (ownEntry(approvers, role) === undefined) {
    return notFound(
      `"${role}" is not a sign-off role of ${service ?? 'this gate'}'s gate on run ${request.runId}.`,
    );
  }
  const patterns = ownEntry(approvers, role) ?? [];
  if (allowingPattern(caller, patterns) === undefined) {
    return forbidden(
      caller,
      `sign off for "${role}" on ${service ?? 'this gate'}`,
      patterns,
      `${key}["${role}"]`,
    );
  }

  const answer: SignoffAnswerRecord = {
    runId: request.runId,
    role,
    approved: request.approved,
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    ...(request.comment === undefined ? {} : { comment: request.comment }),
    by: caller.arn,
    at: now.toISOString(),
  };
  const answerKey = controlKeys.signoffAnswer(request.runId, role);
  if ((await ports.store.putJsonIfAbsent(answerKey, answer)) === 'exists') {
    const first = SignoffAnswerRecordSchema.safeParse(await ports.store.getJson(answerKey));
    const who = first.success ? `: ${describeAnswer(first.data)}` : '';
    return conflict(
      `The sign-off for "${role}" on run ${request.runId} was already answered${who}; the first answer stands.`,
      {
        ...(first.success ? { first: first.data } : {}),
      },
    );
  }

  // Only what the run needs to move on travels through the state machine; who and why stay in S3.
  const sent = request.approved
    ? await ports.tasks.succeed(pending.data.taskToken, { role, approved: true, at: answer.at })
    : await ports.tasks.fail(
        pending.data.taskToken,
        SIGNOFF_REJECTED,
        JSON.stringify({ role, at: answer.at }),
      );
  if (sent === 'not-waiting') {
    return conflict(
      `Your answer for "${role}" was recorded, but run ${request.runId} no longer waits for it (the sign-off timed out or the run ended).`,
      { answer },
    );
  }
  return ok(
    `${request.approved ? 'Approved' : 'Rejected'} ${pending.data.label} as ${role} (${answer.by}, ${answer.at}).`,
    { answer },
  );
}
