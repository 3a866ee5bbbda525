import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { parseControlRequest } from '../../lambdas/core/control/request';
import type { ControlFlags } from './aws-options';
import { resolveAwsSetup } from './aws-setup';
import { type ControlReply, type ControlTarget, controlTarget, postControl } from './control-client';
import { EXIT } from './exit-codes';
import { UsageError } from './usage-error';

/*
 * What `approve`, `watch abort` and `gate --override-window` share: the control URL options, local
 * validation with the endpoint's own schema (a bad request exits 2 before anything is sent), and one
 * clear line and exit code per answer.
 */

export type ControlOptions = ControlFlags;

/** The flag each request field comes from, per action: a problem names what the user typed. */
const FLAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  signoff: { runId: '--run', role: '--role', reason: '--reason', comment: '--comment', approved: '--reject' },
  abort: { deploymentId: '--deployment-id', reason: '--reason', note: '--note' },
  'override-window': {
    deploymentId: '--deployment-id',
    service: '--service',
    environment: '--env',
    reason: '--override-window',
  },
};

/** A request checked as the endpoint will check it, and where it goes. */
export interface PreparedControl {
  readonly target: ControlTarget;
  readonly request: unknown;
}

/**
 * Validates `request` with the endpoint's own schema and finds the endpoint and its region, before
 * anything is sent or any credentials are loaded.
 * @throws UsageError naming every problem.
 */
export function prepareControl(request: unknown, options: ControlOptions): PreparedControl {
  const parsed = parseControlRequest(request);
  if (!parsed.ok) {
    const action = (request as { action?: string }).action ?? '';
    const flagOf = (field: string) => FLAGS[action]?.[field] ?? field;
    throw new UsageError(`${parsed.problems.map((p) => `${flagOf(p.field)}: ${p.message}`).join('; ')}.`);
  }
  return { target: controlTarget(options), request: parsed.request };
}

/** Sends a prepared request signed with `credentials`. */
export async function sendControl(
  prepared: PreparedControl,
  credentials: AwsCredentialIdentityProvider,
): Promise<ControlReply> {
  const { target } = prepared;
  try {
    return await postControl(target, prepared.request, credentials);
  } catch (error) {
    throw new Error(`could not reach the control endpoint ${target.url.host}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Validates `request` as the endpoint will, sets AWS up (the profile, the URL's region, credentials),
 * then sends it signed with the caller's credentials.
 */
export async function callControl(request: unknown, options: ControlOptions): Promise<ControlReply> {
  const prepared = prepareControl(request, options);
  const aws = await resolveAwsSetup({
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    regionOf: { region: prepared.target.region, from: 'the control URL' },
  });
  return sendControl(prepared, aws.credentials);
}

/** The exit code for an answer of the endpoint. */
export function exitCodeOf(reply: ControlReply): number {
  switch (reply.status) {
    case 200:
      return EXIT.PASS;
    case 403:
      return EXIT.DENIED;
    case 404:
      return EXIT.NOT_FOUND;
    case 409:
      return EXIT.CONFLICT;
    default:
      return EXIT.ERROR;
  }
}

/** One line saying what happened: the endpoint's message, or what IAM or the platform said. */
export function describeReply(reply: ControlReply): string {
  const { body, status } = reply;
  if (status === 403 && body.error === undefined) {
    // Refused by IAM before the function ran: the caller may not invoke the URL at all.
    return "IAM refused the request: your credentials may not call lambda:InvokeFunctionUrl and lambda:InvokeFunction (via the URL) on the control function (stack output ControlFunctionArn; the README's Sign-offs section shows the policy).";
  }
  if (body.message !== undefined && body.error !== undefined) return body.message;
  if (status === 200 && body.message !== undefined) return body.message;
  return `the control endpoint failed (HTTP ${status}): ${body.message ?? body.Message ?? 'no message'}; see the control function's logs.`;
}

/** Prints the answer (stdout when done, stderr otherwise) and sets the exit code. */
export function reportReply(reply: ControlReply): void {
  const line = describeReply(reply);
  if (reply.status === 200) process.stdout.write(`${line}\n`);
  else process.stderr.write(`preflight: ${line}\n`);
  process.exitCode = exitCodeOf(reply);
}
