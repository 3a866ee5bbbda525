import type { Command } from 'commander';
import { type ControlOptions, callControl, reportReply, withControlOptions } from './control';
import { UsageError } from './usage-error';

interface ApproveOptions extends ControlOptions {
  run: string;
  role: string;
  reject?: boolean;
  reason?: string;
  comment?: string;
}

/**
 * `preflight approve`: answer a gate's sign-off for one role through the control endpoint. The
 * request is signed with your AWS credentials; the endpoint checks them against
 * `gate.signoffs.approvers` and records who answered.
 */
export function registerApprove(program: Command): void {
  withControlOptions(
    program
      .command('approve')
      .description(
        "Approve (or --reject) a gate's sign-off for a role; exit 0 answered, 2 bad input, 3 not allowed, 4 nothing pending, 5 already answered",
      )
      .requiredOption('--run <id>', 'the gate run (its execution name, as the sign-off request says)')
      .requiredOption('--role <role>', 'the role you sign for, e.g. "Security Engineer"')
      .option('--reject', 'reject instead of approving (needs --reason)')
      .option('--reason <text>', 'why you reject')
      .option('--comment <text>', 'a note recorded with the approval'),
  ).action(async (options: ApproveOptions) => {
    if (options.reject && options.reason === undefined)
      throw new UsageError('--reject needs --reason "why".');
    if (!options.reject && options.reason !== undefined) {
      throw new UsageError('--reason goes with --reject; to note something with an approval, use --comment.');
    }
    const reply = await callControl(
      {
        action: 'signoff',
        runId: options.run,
        role: options.role,
        approved: !options.reject,
        ...(options.reason === undefined ? {} : { reason: options.reason }),
        ...(options.comment === undefined ? {} : { comment: options.comment }),
      },
      options,
    );
    reportReply(reply);
  });
}
