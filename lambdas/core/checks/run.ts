import { resolveChecklist } from '../checklist/resolve';
import { mapWithConcurrency } from '../concurrency';
import type { CheckId, CheckSettings, PreflightConfig } from '../config/schema';
import { explainError } from '../errors';
import type { CheckResult, Finding } from '../findings';
import { type CheckScope, type ServiceCheckScope, serviceScope, WHOLE_ACCOUNT } from '../scope/check-scope';
import { resolveScope } from '../scope/resolve';
import type { CheckTarget } from '../services/target';
import { emptyScopeFinding } from './empty-scope';
import { CHECKS } from './registry';
import type { AccountPorts, CheckRunContext } from './types';

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

/** What one check run judges, beyond the account: whose resources, with which settings, where. */
export interface RunCheckContext {
  readonly target?: CheckTarget;
  readonly region?: string;
  readonly clock?: () => number;
}

/**
 * The checks a run covers: the selection if given, else every check that is enabled (in `checks`,
 * a service's merged settings; by default the configuration's) and verifies at least one item of
 * the checklist (turning an item off turns its checks off).
 */
export function selectChecks(
  config: PreflightConfig,
  checkIds?: readonly CheckId[],
  checks: CheckSettings = config.checks,
): CheckId[] {
  if (checkIds !== undefined) return [...new Set(checkIds)];
  const used = new Set(
    resolveChecklist(config).items.flatMap((item) =>
      item.verification.kind === 'check' ? item.verification.checkIds : [],
    ),
  );
  return (Object.keys(CHECKS) as CheckId[]).filter((id) => checks[id].enabled && used.has(id));
}

/** True when the target judges a service's own resources rather than the whole account. */
function isService(target: CheckTarget | undefined): target is CheckTarget & { resources: object } {
  return target !== undefined && !target.implicit && target.resources !== undefined;
}

/** The scope the check judges: the service's resources of its kinds, resolved now, or everything. */
async function scopeFor(
  checkId: CheckId,
  account: AccountPorts,
  target: CheckTarget | undefined,
): Promise<CheckScope> {
  const kind = CHECKS[checkId].scope;
  if (!isService(target) || kind.kind !== 'resources') return WHOLE_ACCOUNT;
  const selector = target.resources as NonNullable<CheckTarget['resources']>;
  return serviceScope(target.service, selector, await resolveScope(selector, account.scope, kind.types));
}

const isServiceScope = (scope: CheckScope): scope is ServiceCheckScope => 'evidence' in scope;

function marked(findings: Finding[], checkId: CheckId, region: string | undefined): Finding[] {
  const account = CHECKS[checkId].scope.kind === 'account';
  if (!account && region === undefined) return findings;
  return findings.map((finding) => ({
    ...finding,
    ...(account ? { evidence: { ...finding.evidence, scope: 'account' } } : {}),
    ...(region === undefined ? {} : { region }),
  }));
}

/**
 * Runs one check and never throws: whatever stops the check (the scope that could not be resolved
 * included) becomes an ERROR finding. A check that finds nothing says so: SKIPPED for the whole
 * account, WARN for a service whose scope gives it nothing to judge (never a pass by silence).
 * Account-wide checks mark their findings `evidence.scope: "account"`.
 */
export async function runCheck(
  checkId: CheckId,
  account: AccountPorts,
  config: Pick<PreflightConfig, 'checks'>,
  now: Date,
  context: RunCheckContext | (() => number) = {},
): Promise<CheckResult> {
  const { target, region, clock = Date.now } = typeof context === 'function' ? { clock: context } : context;
  const started = clock();
  const check = CHECKS[checkId];
  const settings = (target?.checks ?? config.checks)[checkId];
  let findings: Finding[];
  let scope: CheckScope = WHOLE_ACCOUNT;
  try {
    scope = await scopeFor(checkId, account, target);
    // The registry's mapped type guarantees the settings match the check; TS cannot see it through the union.
    findings = await (
      check.run as (
        a: AccountPorts,
        s: unknown,
        n: Date,
        scope: CheckScope,
        context: CheckRunContext,
      ) => Promise<Finding[]>
    )(account, settings, now, scope, {
      ...(target?.release === undefined ? {} : { release: target.release }),
      ...(region === undefined ? {} : { region }),
    });
    if (findings.length === 0) {
      findings = [
        emptyScopeFinding(checkId, {
          ...(isService(target) && check.scope.kind !== 'account' ? { target } : {}),
          ...(isServiceScope(scope) ? { evidence: scope.evidence() } : {}),
          ...(region === undefined ? {} : { region }),
        }),
      ];
    }
  } catch (error) {
    const { message, remediation, code } = explainError(error);
    findings = [
      { checkId, rule: 'run', resource: '*', status: 'ERROR', message, remediation, evidence: { code } },
    ];
  }
  return {
    checkId,
    findings: marked(findings, checkId, region),
    startedAt: new Date(started).toISOString(),
    durationMs: clock() - started,
    ...(region === undefined ? {} : { region }),
    ...(isServiceScope(scope) ? { scope: scope.evidence() } : {}),
  };
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
