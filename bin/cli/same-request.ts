import { isDeepStrictEqual } from 'node:util';
import type { ExecutionView } from '../../lambdas/aws/executions';
import { UsageError } from './usage-error';

/*
 * A deployment id names one execution, so a second `gate` or `watch start` follows the first run
 * instead of starting another. Whoever may start executions of the machine can take that name first,
 * for example with a scheduled audit (no sign-offs, window or backup) or a one-minute watch, and the
 * follower would report that run's verdict as its own. It follows only a run of the same request.
 */

/** One field the follower compares, and how the existing run's value reads when it is absent. */
export interface ComparedField {
  readonly field: string;
  readonly expected: unknown;
  /** The value an absent field takes in the state machine (`mode` defaults to `gate`). */
  readonly absentMeans?: unknown;
  /** How the expected value reads in the message when it is `undefined`. */
  readonly undefinedReads?: string;
}

const show = (value: unknown, undefinedReads = 'nothing') =>
  value === undefined ? undefinedReads : JSON.stringify(value);

/**
 * Throws unless the existing execution was started with the same values of `fields`.
 * @param what names the run in the message, e.g. `gate` or `watch`.
 * @throws UsageError naming every field that differs (exit 2).
 */
export function assertSameRequest(
  view: ExecutionView,
  name: string,
  what: string,
  fields: readonly ComparedField[],
): void {
  const input = view.input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UsageError(
      `execution ${name} already exists and its input could not be read, so it may not be this ${what}: use another --deployment-id.`,
    );
  }
  const existing = input as Record<string, unknown>;
  const differences = fields.flatMap(({ field, expected, absentMeans, undefinedReads }) => {
    const there = existing[field] === undefined ? absentMeans : existing[field];
    return isDeepStrictEqual(there, expected)
      ? []
      : [`${field}: ${show(there)} there, ${show(expected, undefinedReads)} here`];
  });
  if (differences.length > 0) {
    throw new UsageError(
      `execution ${name} already exists for another request (${differences.join('; ')}): it is not this ${what}, so its result is not this ${what}'s; use another --deployment-id.`,
    );
  }
}
