import type { TextLayout, TextStyle } from '../../lambdas/core/report/text-layout';

/*
 * How the CLI's text output fits where it goes: wrapped to the terminal's width (or `COLUMNS`, or 100
 * columns when the output is not a terminal), in colour on a terminal unless `NO_COLOR` is set, and
 * in colour anywhere when `FORCE_COLOR` is (as Node itself reads them: FORCE_COLOR wins, `0` turns
 * colour off). Piped output has no escape codes.
 */

/** The part of an output stream this reads. */
export interface OutputStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Width when nothing says otherwise: not a terminal, no `COLUMNS`. */
export const DEFAULT_WIDTH = 100;
/** Narrower than this, wrapping would cut every line. */
const MIN_WIDTH = 40;

/** Columns to wrap to: `COLUMNS` when it is a number, else the terminal's width, else 100. */
export function outputWidth(stream: OutputStream, env: Env = process.env): number {
  const columns = Number(env.COLUMNS);
  const width =
    env.COLUMNS !== undefined && /^\d+$/.test(env.COLUMNS) && columns > 0
      ? columns
      : stream.isTTY && stream.columns !== undefined && stream.columns > 0
        ? stream.columns
        : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, width);
}

/** Whether to colour: `FORCE_COLOR` (unless `0` or `false`), else not with `NO_COLOR`, else on a terminal. */
export function colourEnabled(stream: OutputStream, env: Env = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const paint = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

const STATUS_COLOUR: Readonly<Record<string, (text: string) => string>> = {
  PASS: paint('32'),
  WARN: paint('33'),
  FAIL: paint('1;31'),
  ERROR: paint('1;35'),
  MUTED: paint('36'),
  SKIPPED: paint('2'),
  NOT_RUN: paint('2'),
};

/** ANSI colours: green PASS, yellow WARN, bold red FAIL, bold magenta ERROR, cyan MUTED, dim SKIPPED and NOT_RUN. */
export const ANSI: TextStyle = {
  status: (text, status) => STATUS_COLOUR[status]?.(text) ?? text,
  strong: paint('1'),
  dim: paint('2'),
};

/** The layout for text written to `stream`. */
export function layoutFor(stream: OutputStream, env: Env = process.env): TextLayout {
  return {
    width: outputWidth(stream, env),
    ...(colourEnabled(stream, env) ? { style: ANSI } : {}),
  };
}
