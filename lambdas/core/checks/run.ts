import { resolveChecklist } from '../checklist/resolve';
import { mapWithConcurrency } from '../concurrency';
import type { CheckId, PreflightConfig } from '../config/schema';
import { explainError } from '../errors';
import type { CheckResult, Finding } from '../findings';
import { CHECKS } from './registry';
import type { AccountPorts } from './types';

export interface RunChecksOptions {
  /** Checks to run. @default every check enabled in the configuration */
  readonly checkIds?: readonly CheckId[];
  /** Checks in flight at once. @default config.gate.concurrency */
  readonly concurrency?: number;
  /** Called as each check finishes, for progress output. */
  readonly onCheckDone?: (result: CheckResult, done: number, total: number) => void;
  /** Milliseconds clock for durations. @default Date.now */
  readonly clock?: () => number;
}

/**
 * The checks a run covers: the selection if given, else every check that is enabled and verifies
 * at least one item of the checklist (turning an item off turns its checks off).
 */
export function selectChecks(config: PreflightConfig, checkIds?: readonly CheckId[]): CheckId[] {
  if (checkIds !== undefined) return [...new Set(checkIds)];
  const used = new Set(
    resolveChecklist(config).items.flatMap((item) =>
      item.verification.kind === 'check' ? item.verification.checkIds : [],
    ),
  );
  return (Object.keys(CHECKS) as CheckId[]).filter((id) => config.checks[id].enabled && used.has(id));
}

/**
 * Runs one check and never throws: whatever stops the check becomes an ERROR finding,
 * and a check that finds nothing in scope says so with a SKIPPED finding.
 */
export async function runCheck(
  checkId: CheckId,
  account: AccountPorts,
  config: PreflightConfig,
  now: Date,
  clock: () => number = Date.now,
): Promise<CheckResult> {
  const started = clock();
  const check = CHECKS[checkId];
  let findings: Finding[];
  try {
    // The registry's mapped type guarantees the settings match the check; TS cannot see it through the union.
    findings = await (check.run as (a: AccountPorts, s: unknown, n: Date) => Promise<Finding[]>)(
      account,
      config.checks[checkId],
      now,
    );
    if (findings.length === 0) {
      findings = [
        {
          checkId,
          rule: 'scope',
          resource: '*',
          status: 'SKIPPED',
          message: 'No resources in scope for this check.',
        },
      ];
    }
  } catch (error) {
    const { message, remediation, code } = explainError(error);
    findings = [
      { checkId, rule: 'run', resource: '*', status: 'ERROR', message, remediation, evidence: { code } },
    ];
  }
  return { checkId, findings, startedAt: new Date(started).toISOString(), durationMs: clock() - started };
}

/** Runs the selected checks with bounded concurrency; one broken check never hides the others. */
export async function runChecks(
  account: AccountPorts,
  config: PreflightConfig,
  now: Date,
  options: RunChecksOptions = {},
): Promise<CheckResult[]> {
  const ids = selectChecks(config, options.checkIds);
  let done = 0;
  return mapWithConcurrency(ids, options.concurrency ?? config.gate.concurrency, async (id) => {
    const result = await runCheck(id, account, config, now, options.clock);
    done += 1;
    options.onCheckDone?.(result, done, ids.length);
    return result;
  });
}
