import type { Command } from 'commander';
import { firstNonPlainCharacter } from '../../lambdas/core/plain-text';
import { withControlOptions } from './aws-options';
import { lazyAction } from './lazy';
import { UsageError } from './usage-error';

/**
 * `--role` is a name as the configuration writes it: a newline, an escape sequence or a bidi
 * override in it is a mistake or an attempt to forge lines or hide text wherever the role is echoed
 * (terminal, CI log, the endpoint's messages). Refused at the flag, naming the character (the value
 * itself is not echoed).
 */
function parseRole(value: string): string {
  const code = firstNonPlainCharacter(value);
  if (code === undefined) return value;
  throw new UsageError(
    `--role: has a control character (${code}); expected the role's name as plain text, such as "Security Engineer".`,
  );
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
      .requiredOption('--role <role>', 'the role you sign for, e.g. "Security Engineer"', parseRole)
      .option('--reject', 'reject instead of approving (needs --reason)')
      .option('--reason <text>', 'why you reject')
      .option('--comment <text>', 'a note recorded with the approval'),
  ).action(lazyAction(() => import('./actions/approve').then((m) => m.runApproveCommand)));
}
