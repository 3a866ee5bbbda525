import type { Command } from 'commander';
import { withControlOptions } from './aws-options';
import { lazyAction } from './lazy';

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
  ).action(lazyAction(() => import('./actions/approve').then((m) => m.runApproveCommand)));
}
