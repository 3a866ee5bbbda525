import type { Command } from 'commander';
import { quoteAsGiven } from '../../lambdas/core/plain-text';
import { UsageError } from './usage-error';

/**
 * Flags whose last value may win when given twice: they only shape what is printed, never what is
 * judged, where, by whom or for which deployment. A pipeline that appends `--format json` to a
 * default command line keeps working.
 */
const LAST_ONE_WINS: ReadonlySet<string> = new Set(['--format', '--poll-seconds']);

/** Flags meant to be given many times (their parsers collect every value). */
const REPEATABLE: ReadonlySet<string> = new Set(['--attest', '--image']);

/**
 * Refuses every single-value flag of `command` given twice. Commander keeps the last value silently,
 * so `gate --env prod ... --env staging` would gate staging while the first words of the line say
 * prod; which value was meant cannot be guessed. Refused while the line is read (exit 2, before any
 * AWS call), naming the flag and both values. Boolean flags and the flags above are left alone.
 */
export function refuseRepeatedFlags(command: Command): Command {
  const given = new Map<string, string>();
  for (const option of command.options) {
    const flag = option.long;
    const takesValue = option.required || option.optional;
    if (flag === undefined || !takesValue || LAST_ONE_WINS.has(flag) || REPEATABLE.has(flag)) continue;
    command.on(`option:${option.name()}`, (value: unknown) => {
      const text = typeof value === 'string' ? value : String(value);
      const before = given.get(flag);
      if (before !== undefined) {
        throw new UsageError(
          `${flag} given twice (${quoteAsGiven(before)}, then ${quoteAsGiven(text)}); it decides what is judged, where or by whom: give it once.`,
        );
      }
      given.set(flag, text);
    });
  }
  return command;
}
