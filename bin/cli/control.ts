import type { Command } from 'commander';
import { describeProblems, parseControlRequest } from '../../lambdas/core/control/request';
import { type ControlReply, controlTarget, postControl } from './control-client';
import { EXIT } from './exit-codes';
import { UsageError } from './usage-error';

/*
 * What `approve`, `watch abort` and `gate --override-window` share: the control URL options, local
 * validation with the endpoint's own schema (a bad request exits 2 before anything is sent), and one
 * clear line and exit code per answer.
 */

export interface ControlOptions {
  controlUrl?: string;
  region?: string;
}

/** Adds `--control-url` and `--region` to a command. */
export function withControlOptions(command: Command): Command {
  return command
    .option(
      '--control-url <url>',
      'the control endpoint (default: $PREFLIGHT_CONTROL_URL, the stack output ControlUrl)',
    )
    .option('--region <region>', 'AWS region (default: from the control URL)');
}

/** Validates `request` as the endpoint will, then sends it signed with the caller's credentials. */
export async function callControl(request: unknown, options: ControlOptions): Promise<ControlReply> {
  const parsed = parseControlRequest(request);
  if (!parsed.ok) throw new UsageError(`invalid request: ${describeProblems(parsed.problems)}.`);
  const target = controlTarget(options);
  try {
    return await postControl(target, parsed.request);
  } catch (error) {
    const message = (error as Error).message;
    if (/credential/i.test(message)) {
      throw new Error(
        `could not load AWS credentials to sign the request (${message}): use --profile/AWS_PROFILE, environment variables, SSO or a role.`,
      );
    }
    throw new Error(`could not reach the control endpoint ${target.url.host}: ${message}`);
  }
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
