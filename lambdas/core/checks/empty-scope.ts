import type { CheckId } from '../config/schema';
import type { Finding } from '../findings';
import type { CheckScopeEvidence } from '../scope/types';
import type { CheckTarget } from '../services/target';
import type { CheckScopeKind } from './types';

/** What the runner knows when a check returned no finding at all. */
export interface EmptyScopeContext {
  /** The service whose scope it was; absent for the whole account. */
  readonly target?: CheckTarget;
  /** What the service's scope held for this check. */
  readonly evidence?: CheckScopeEvidence;
  readonly region?: string;
}

const where = (region: string | undefined) => (region === undefined ? '' : ` in ${region}`);

/**
 * The finding a check without findings reports. For the whole account: SKIPPED, nothing in scope.
 * For a service: WARN when its scope gave the check nothing to judge (the selectors may be wrong,
 * and silence must not read as a pass), naming the selectors that matched nothing; SKIPPED only when
 * the check did judge the service's resources and none of them needed a finding.
 */
export function emptyScopeFinding(
  checkId: CheckId,
  kind: CheckScopeKind,
  context: EmptyScopeContext,
): Finding {
  const base = { checkId, rule: 'scope', resource: '*' };
  const { target, evidence, region } = context;
  if (target === undefined) {
    return { ...base, status: 'SKIPPED', message: 'No resources in scope for this check.' };
  }
  const judged = evidence?.resources.length ?? 0;
  if (judged > 0) {
    return {
      ...base,
      status: 'SKIPPED',
      message: `${judged} resource(s) of ${target.service} in scope${where(region)}; none needed a finding from this check.`,
      evidence: { service: target.service, judged },
    };
  }
  const unmatched = evidence?.unmatched ?? [];
  const message =
    kind.kind === 'settings'
      ? `Nothing to judge for ${target.service}: services.${target.service}.${kind.key} names nothing.`
      : `Nothing of ${target.service} in scope for this check${where(region)}${
          unmatched.length > 0 ? `: ${unmatched.join('; ')} matched nothing it judges` : ''
        }.`;
  return {
    ...base,
    status: 'WARN',
    message,
    remediation:
      kind.kind === 'settings'
        ? `Name them in services.${target.service}.${kind.key}, or turn the check off for the service (services.${target.service}.checks.${checkId}.enabled: false).`
        : `Check services.${target.service}.resources (tags, stacks, arns, names) against what is deployed, or turn the check off for the service (services.${target.service}.checks.${checkId}.enabled: false) if it owns nothing of this kind.`,
    evidence: { service: target.service, unmatched },
  };
}
