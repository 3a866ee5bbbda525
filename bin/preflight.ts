import { Command, CommanderError } from 'commander';
import { ConfigError } from '../lambdas/core/config/validate';
import { registerAudit } from './cli/audit';
import { registerBacktest } from './cli/backtest';
import { registerChecklist } from './cli/checklist';
import { EXIT } from './cli/exit-codes';
import { registerProbeTls } from './cli/probe-tls';
import { registerWatch } from './cli/watch';

const program = new Command('preflight')
  .description('Production deployment checklist, verified against your AWS account.')
  .showHelpAfterError()
  .exitOverride();

registerChecklist(program);
registerAudit(program);
registerProbeTls(program);
registerWatch(program);
registerBacktest(program);

async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.PASS : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.PASS : EXIT.ERROR;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.ERROR;
    }
    process.stderr.write(`preflight: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.ERROR;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.ERROR;
  },
);
