import type { ConfigProblem } from './validate';

/*
 * How a configuration error reads, wherever it is printed: the CLI and `cdk synth` print this text
 * and nothing else (no stack, no object dump): one line per problem, naming the key, what was found
 * and what is expected.
 */

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Control characters (a newline, an escape sequence) from a key or from the file shown as JSON escapes:
 * one problem stays one line, and a file cannot recolour or rewrite the terminal it is checked in.
 */
function printable(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

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
      ? `${problem.key}: unknown key; ${problem.expected}`
      : `${problem.key}: unknown key; expected one of ${unknown.known.join(', ')}`;
  }
  const found = problem.found ?? `got ${describeValue(problem.value)}`;
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
