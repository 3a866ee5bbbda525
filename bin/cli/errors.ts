import { CommanderError } from 'commander';
import { formatConfigError } from '../../lambdas/core/config/format';
import type { ConfigProblem } from '../../lambdas/core/config/validate';
import { EXIT } from './exit-codes';
import { printable } from './printable';

/*
 * How the CLI ends on an error: one clean message on stderr and exit 2, never a stack or an object
 * dump. Commander has printed its own parse errors (with a pointer to --help) by the time it throws.
 */

interface ConfigErrorShape extends Error {
  readonly source: string;
  readonly problems: readonly ConfigProblem[];
}

// By name: importing the class would load the configuration schema (and zod) into every command.
const isConfigError = (error: unknown): error is ConfigErrorShape =>
  error instanceof Error &&
  error.name === 'ConfigError' &&
  Array.isArray((error as Partial<ConfigErrorShape>).problems);

/** Prints `error` the one clean way and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.PASS : EXIT.ERROR;
  if (isConfigError(error)) {
    process.stderr.write(`${formatConfigError(error)}\n`);
    return EXIT.ERROR;
  }
  // One line, whatever the message quotes.
  process.stderr.write(`preflight: ${printable(error instanceof Error ? error.message : String(error))}\n`);
  return EXIT.ERROR;
}
