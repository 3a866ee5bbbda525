import { Command, CommanderError } from 'commander';
import { ConfigError } from '../../lambdas/core/config/validate';
import { registerApprove } from './approve';
import { registerAudit } from './audit';
import { registerBacktest } from './backtest';
import { registerChecklist } from './checklist';
import { EXIT } from './exit-codes';
import { registerGate } from './gate';
import { registerProbeTls } from './probe-tls';
import { registerReview } from './review';
import { registerServices } from './services';
import { registerWatch } from './watch';

/** The `preflight` command line with every command registered. */
export function createProgram(): Command {
  const program = new Command('preflight')
    .description('Production deployment checklist, verified against your AWS account.')
    .showHelpAfterError()
    .exitOverride();
  registerChecklist(program);
  registerAudit(program);
  registerGate(program);
  registerApprove(program);
  registerProbeTls(program);
  registerWatch(program);
  registerBacktest(program);
  registerReview(program);
  registerServices(program);
  return program;
}

/**
 * Runs the CLI on `argv` (as `process.argv`) and returns the exit code: what the command set, or 2
 * for bad usage and failures, printed as one line on stderr.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await createProgram().parseAsync([...argv]);
    return process.exitCode === undefined ? EXIT.PASS : Number(process.exitCode);
  } catch (error) {
    // Commander has already printed its own parse errors.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.PASS : EXIT.ERROR;
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.ERROR;
    }
    process.stderr.write(`preflight: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.ERROR;
  } finally {
    process.exitCode = undefined;
  }
}
