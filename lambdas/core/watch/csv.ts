import type { Datapoint } from './model';

/*
 * Metric history as CSV, one file per metric id: header `timestamp,value`, then one datapoint a
 * line. Timestamps are ISO 8601 (`2014-04-10T00:04:00Z`, with or without a zone: without one they
 * are UTC) or `YYYY-MM-DD HH:MM:SS` (UTC), as CloudWatch exports and the NAB data hold them.
 */

/** A CSV line or a timestamp that cannot be read; the message names the file and line. */
export class MetricCsvError extends Error {
  override readonly name = 'MetricCsvError';
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch milliseconds of a timestamp, or `undefined` when it is not one (or not a real date). */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const fields = [y, mo, d, h, mi, s ?? '0'].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const ms = Number(`0.${fraction ?? '0'}`) * 1000;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  if (zone === undefined || zone.toUpperCase() === 'Z') return local;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const [offsetHours, offsetMinutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  // Real offsets run from -12:00 to +14:00; anything else is a typo, not a place.
  if (offsetMinutes > 59 || offsetHours > 14) return undefined;
  return local - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

/** Characters of a file's text shown in an error: enough to recognise it. */
const SHOWN_CHARACTERS = 60;

/**
 * Text from the file, quoted for an error message: control characters (a terminal's escape
 * sequences above all) escaped, and cut short, so a hostile file cannot write to the terminal or
 * flood it.
 */
export function shown(text: string): string {
  const cut = text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}...` : text;
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Checks the header line, `timestamp,value`.
 * @throws MetricCsvError naming the file.
 */
export function readMetricCsvHeader(line: string, source: string): void {
  const header = line
    .replace(/^\uFEFF/, '')
    .split(',')
    .map(unquote);
  if (
    header.length !== 2 ||
    header[0]?.toLowerCase() !== 'timestamp' ||
    header[1]?.toLowerCase() !== 'value'
  ) {
    throw new MetricCsvError(`${source}:1: expected the header "timestamp,value", got ${shown(line)}`);
  }
}

/**
 * Reads one data line (`lineNumber` counts from 1, the header's); a blank line is `null`.
 * @throws MetricCsvError naming the file, line and column.
 */
export function readMetricCsvLine(line: string, lineNumber: number, source: string): Datapoint | null {
  if (line.trim() === '') return null;
  const at = `${source}:${lineNumber}`;
  const fields = line.split(',').map(unquote);
  if (fields.length !== 2) {
    throw new MetricCsvError(
      `${at}: expected 2 fields (timestamp,value), got ${fields.length}: ${shown(line)}`,
    );
  }
  const [rawTime = '', rawValue = ''] = fields;
  const timestamp = parseTimestamp(rawTime);
  if (timestamp === undefined) {
    throw new MetricCsvError(
      `${at}: unreadable timestamp ${shown(rawTime)} in column 1 (timestamp) (expected ISO 8601 or YYYY-MM-DD HH:MM:SS, UTC)`,
    );
  }
  const value = rawValue === '' ? Number.NaN : Number(rawValue);
  if (!Number.isFinite(value)) {
    throw new MetricCsvError(
      `${at}: unreadable value ${shown(rawValue)} in column 2 (value) (expected a number)`,
    );
  }
  // A count, a rate or a latency is never negative: such a value is a broken export, not a reading.
  if (value < 0) {
    throw new MetricCsvError(
      `${at}: negative value ${shown(rawValue)} in column 2 (value) (a count, a rate or a latency is never negative)`,
    );
  }
  return { timestamp, value };
}

/**
 * Parses one metric's CSV. Datapoints come back in file order, duplicates included: aligning them to
 * periods drops same-timestamp repeats (see `alignSeries`), so nothing is counted twice.
 * @param source names the file in error messages (`source:line`).
 * @throws MetricCsvError on a missing header or any unreadable line.
 */
export function parseMetricCsv(text: string, source: string): Datapoint[] {
  const lines = text.split(/\r?\n/);
  readMetricCsvHeader(lines[0] ?? '', source);
  const points: Datapoint[] = [];
  lines.slice(1).forEach((line, index) => {
    const point = readMetricCsvLine(line, index + 2, source);
    if (point !== null) points.push(point);
  });
  return points;
}
