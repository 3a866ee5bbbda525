import { InvalidArgumentError } from 'commander';

/*
 * Parsers for flags, run by commander while it reads the command line. They import nothing heavy:
 * every command's definition loads them, `--help` included.
 */

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** commander parser for `--format`. */
export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}.`);
  }
  return value as Format;
}

/** The formats of an audit or gate report: the three above, and files for CI systems. */
export const REPORT_FORMATS = [...FORMATS, 'sarif', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** commander parser for `--format` of `audit` and `gate`. */
export function parseReportFormat(value: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${REPORT_FORMATS.join(', ')}.`);
  }
  return value as ReportFormat;
}

/** The formats of the quarterly review: the three above, and a self-contained HTML page. */
export const REVIEW_FORMATS = [...FORMATS, 'html'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** commander parser for `--format` of `review`. */
export function parseReviewFormat(value: string): ReviewFormat {
  if (!(REVIEW_FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${REVIEW_FORMATS.join(', ')}.`);
  }
  return value as ReviewFormat;
}

/** commander parser for a positive integer option. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer.');
  }
  return n;
}

/** commander parser for an ISO 8601 time. */
export function parseIsoTime(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected an ISO 8601 time such as 2026-11-26T09:12:00Z.');
  }
  return value;
}
