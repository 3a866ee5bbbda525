import type { Finding } from '../../../../findings';
import { strategyFinding } from '../../finding';

/** What the check found to judge. */
export interface Coverage {
  readonly deploymentGroups: number;
  readonly ecsServices: number;
  readonly aliasedFunctions: number;
  readonly aliasName: string;
}

/**
 * `scope`: with no deployment group configured, no ECS service and no function deployed through
 * its alias in scope, nothing of the service's deployment could be judged: WARN saying what, never
 * a pass by silence (in the words of the runner's nothing-in-scope finding, under its rule name).
 * `undefined` when something was judged.
 */
export function judgeNothingToJudge(coverage: Coverage): Finding | undefined {
  if (coverage.deploymentGroups + coverage.ecsServices + coverage.aliasedFunctions > 0) return undefined;
  return strategyFinding('scope', '*', {
    status: 'WARN',
    message: `Could not judge how this service deploys: no CodeDeploy deployment group is configured, and no ECS service or Lambda function deployed through alias "${coverage.aliasName}" is in scope.`,
    remediation:
      "Name the deployment groups in checks.deployment-strategy.deploymentGroups (or a codedeploy watch.rollback), check the service's resources selectors for its ECS services and functions, or turn the check off for a service that is not deployed this way.",
    evidence: { ...coverage },
  });
}
