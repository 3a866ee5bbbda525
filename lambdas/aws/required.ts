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
