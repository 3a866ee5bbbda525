import { mapWithConcurrency } from '../concurrency';
import type { CheckId, PreflightConfig } from '../config/schema';
import type { CheckResult } from '../findings';
import type { CheckTarget } from '../services/target';
import { CHECKS } from './registry';
import { type RunCheckContext, runDefinition } from './run-definition';
import { selectChecks } from './select';
import type { AccountPorts, CheckDefinition } from './types';

export type { RunCheckContext } from './run-definition';
export { selectChecks } from './select';

export interface RunChecksOptions {
  /** Checks to run. @default every check enabled in the configuration (or the target's settings) */
  readonly checkIds?: readonly CheckId[];
  /** Checks in flight at once. @default config.gate.concurrency */
  readonly concurrency?: number;
  /** Called as each check finishes, for progress output. */
  readonly onCheckDone?: (result: CheckResult, done: number, total: number) => void;
  /** Milliseconds clock for durations. @default Date.now */
  readonly clock?: () => number;
  /** The service whose resources are judged, with its settings. @default the whole account, config.checks */
  readonly target?: CheckTarget;
  /** The region the account ports reach, recorded on the results. @default none named */
  readonly region?: string;
}

/**
 * Runs one check of the registry and never throws (see {@link runDefinition}). A family's check
 * function runs its own definitions with `runDefinition` directly, so it bundles no other family.
 */
export function runCheck(
  checkId: CheckId,
  account: AccountPorts,
  config: Pick<PreflightConfig, 'checks'>,
  now: Date,
  context: RunCheckContext | (() => number) = {},
): Promise<CheckResult> {
  return runDefinition(CHECKS[checkId] as CheckDefinition, account, config, now, context);
}

/** Runs the selected checks with bounded concurrency; one broken check never hides the others. */
export async function runChecks(
  account: AccountPorts,
  config: PreflightConfig,
  now: Date,
  options: RunChecksOptions = {},
): Promise<CheckResult[]> {
  const ids = selectChecks(config, options.checkIds, options.target?.checks);
  let done = 0;
  return mapWithConcurrency(ids, options.concurrency ?? config.gate.concurrency, async (id) => {
    const result = await runCheck(id, account, config, now, {
      ...(options.target === undefined ? {} : { target: options.target }),
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    done += 1;
    options.onCheckDone?.(result, done, ids.length);
    return result;
  });
}
