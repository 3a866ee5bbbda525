import { AwsCallError } from '../core/errors';

/**
 * A field the service documents as always present; its absence means a response we cannot
 * trust, so the check fails closed instead of judging a half-described resource.
 */
export function required<T>(action: string, field: string, value: T | undefined): T {
  if (value === undefined || value === null || value === '') {
    throw new AwsCallError(action, 'malformed-response', 'MissingField', `response lacks ${field}`);
  }
  return value;
}

/**
 * A date field of an answer, or `undefined` when the answer leaves it out. The SDK gives a `Date`;
 * an ISO 8601 string or epoch milliseconds (an answer read back as JSON, a proxy that rewrote it) is
 * read as the same instant. Anything else (an invalid date, text that is no date) is a response we
 * cannot trust: the call fails, naming the field, rather than a date rule judging `NaN` as recent.
 */
export function optionalDate(action: string, field: string, value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  if (
    date === undefined ||
    Number.isNaN(date.getTime()) ||
    (typeof value === 'string' && value.trim() === '')
  ) {
    throw new AwsCallError(
      action,
      'malformed-response',
      'MalformedDate',
      `${field} is not a date (got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : value instanceof Date ? 'an invalid date' : typeof value})`,
    );
  }
  return date;
}
