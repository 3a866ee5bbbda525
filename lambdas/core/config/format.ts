import { escapeNonPlain, quoteAsGiven } from '../plain-text';
import type { ConfigProblem } from './validate';

/*
 * How a configuration error reads, wherever it is printed: the CLI and `cdk synth` print this text
 * and nothing else (no stack, no object dump): one line per problem, naming the key, what was found
 * and what is expected.
 */

/**
 * Control and format characters (a newline, an escape sequence, a bidi override) from a key or from
 * the file shown as escapes: one problem stays one line, and a file cannot recolour, rewrite or
 * reorder the terminal it is checked in.
 */
const printable = (line: string): string => escapeNonPlain(line);

/** One problem: `checks.acm-certificates.failDays: got 40; expected ...`, or an unknown key with a suggestion. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return printable(problemLine(problem));
}

function problemLine(problem: ConfigProblem): string {
  const unknown = problem.unknownKey;
  if (unknown !== undefined) {
    if (unknown.suggestion !== undefined) {
      return `${problem.key}: unknown key (did you mean "${unknown.suggestion}"?)`;
    }
    return unknown.known.length === 0
      ? `${problem.key}: unknown key; expected none of that name here (check it against the documentation)`
      : `${problem.key}: unknown key; expected one of ${unknown.known.join(', ')}`;
  }
  const found = problem.found ?? `got ${quoteAsGiven(problem.value, 80)}`;
  return `${problem.key}: ${found}; ${problem.expected}`;
}

/** The whole error: which file, then every problem on its own line. */
export function formatConfigProblems(source: string, problems: readonly ConfigProblem[]): string {
  return `Invalid Preflight configuration in ${source}:\n${problems
    .map((problem) => `  - ${formatConfigProblem(problem)}`)
    .join('\n')}`;
}

/** The text to print for a configuration error: what the CLI and `cdk synth` show. */
export function formatConfigError(error: {
  readonly source: string;
  readonly problems: readonly ConfigProblem[];
}): string {
  return formatConfigProblems(error.source, error.problems);
}
