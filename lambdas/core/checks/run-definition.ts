import type { PreflightConfig } from '../config/schema';
import { explainError } from '../errors';
import type { CheckResult, Finding } from '../findings';
import { type CheckScope, type ServiceCheckScope, serviceScope, WHOLE_ACCOUNT } from '../scope/check-scope';
import type { ScopePorts } from '../scope/ports';
import { resolveScope } from '../scope/resolve';
import type { CheckTarget } from '../services/target';
import { emptyScopeFinding } from './empty-scope';
import { judgedOnce } from './judged-once';
import type { AccountPorts, CheckDefinition, CheckRunContext, CheckScopeKind } from './types';
import { collectingUnreadable, unreadableFindings } from './unreadable-resources';

/*
 * Running one check from its definition, without the registry: a family's check function imports
 * only its own family's definitions and this, so it bundles no other family's rules.
 */

/** What one check run judges, beyond the account: whose resources, with which settings, where. */
export interface RunCheckContext {
  readonly target?: CheckTarget;
  readonly region?: string;
  readonly clock?: () => number;
  /**
   * What resolves the service's scope, shared by the checks of one run in this account and region
   * (see `rememberedScope`). @default the account's own scope ports, read anew for this check
   */
  readonly scope?: ScopePorts;
}

/** True when the target judges a service's own resources rather than the whole account. */
function isService(target: CheckTarget | undefined): target is CheckTarget & { resources: object } {
  return target !== undefined && !target.implicit && target.resources !== undefined;
}

/** The scope the check judges: the service's resources of its kinds, resolved now, or everything. */
async function scopeFor(
  kind: CheckScopeKind,
  account: AccountPorts,
  target: CheckTarget | undefined,
  ports: ScopePorts | undefined,
): Promise<CheckScope> {
  if (!isService(target) || kind.kind !== 'resources') return WHOLE_ACCOUNT;
  const selector = target.resources as NonNullable<CheckTarget['resources']>;
  return serviceScope(
    target.service,
    selector,
    await resolveScope(selector, ports ?? account.scope, kind.types),
  );
}

const isServiceScope = (scope: CheckScope): scope is ServiceCheckScope => 'evidence' in scope;

function marked(findings: Finding[], kind: CheckScopeKind, region: string | undefined): Finding[] {
  const account = kind.kind === 'account';
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
 * Account-wide checks mark their findings `evidence.scope: "account"`. A finding repeated word for
 * word (a resource listed twice) is reported once. A resource whose answer could not be read (set
 * aside by the adapter that read it) is an ERROR finding of rule `read` naming it, beside the others.
 */
export async function runDefinition(
  check: CheckDefinition,
  account: AccountPorts,
  config: Pick<PreflightConfig, 'checks'>,
  now: Date,
  context: RunCheckContext | (() => number) = {},
): Promise<CheckResult> {
  const {
    target,
    region,
    clock = Date.now,
    scope: scopePorts,
  } = typeof context === 'function' ? { clock: context } : context;
  const started = clock();
  const checkId = check.id;
  const settings = (target?.checks ?? config.checks)[checkId];
  let findings: Finding[];
  let scope: CheckScope = WHOLE_ACCOUNT;
  try {
    scope = await scopeFor(check.scope, account, target, scopePorts);
    // The registry's mapped type guarantees the settings match the check; TS cannot see it through the union.
    const { value: judged, unreadable } = await collectingUnreadable(() =>
      (
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
      }),
    );
    // A resource listed twice (pages that moved under the listing, two listings) is judged once; one
    // whose answer could not be read is an ERROR of its own, and the others are still judged.
    findings = judgedOnce([...judged, ...unreadableFindings(checkId, unreadable, check.scope, scope)]);
    if (findings.length === 0) {
      findings = [
        emptyScopeFinding(checkId, check.scope, {
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
    findings: marked(findings, check.scope, region),
    startedAt: new Date(started).toISOString(),
    durationMs: clock() - started,
    ...(region === undefined ? {} : { region }),
    ...(isServiceScope(scope) ? { scope: scope.evidence() } : {}),
  };
}
