import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { strategyFinding } from '../../finding';
import type { LambdaAlias, LambdaFunctionRef } from '../../ports';

/** What the alias rule knows beyond the function. */
export interface AliasContext {
  readonly aliasName: string;
  /** The service asks for gradual traffic. */
  readonly gradualTraffic: boolean;
  /** A configured CodeDeploy deployment group deploys Lambda functions (and can shift an alias gradually). */
  readonly lambdaGroupConfigured: boolean;
}

const percent = (weight: number) => `${Math.round(weight * 1000) / 10}%`;

/**
 * `lambda-alias`: a function deployed through its alias serves a published version (`$LATEST`
 * leaves nothing to roll back to: FAIL); a weight left on another version is a shift in progress
 * or left half-way (WARN); with gradual traffic asked for and no Lambda deployment group configured
 * to shift the alias, moving it is all at once (WARN). A function without the alias is not deployed
 * through one: no finding. The alias that could not be read: ERROR.
 */
export function judgeLambdaAlias(
  fn: LambdaFunctionRef,
  alias: Outcome<LambdaAlias | undefined>,
  context: AliasContext,
): Finding | undefined {
  const evidence = { function: fn.name, alias: context.aliasName };
  if (!alias.ok) return errorFinding(strategyFinding, 'lambda-alias', fn.arn, alias.error, evidence);
  if (alias.value === undefined) return undefined;
  const { functionVersion, additionalWeights } = alias.value;
  const seen = { ...evidence, functionVersion, additionalWeights };
  const name = `${fn.name}:${context.aliasName}`;
  if (functionVersion === '$LATEST') {
    return strategyFinding('lambda-alias', fn.arn, {
      status: 'FAIL',
      message: `${name} points at $LATEST: there is no published version to shift traffic from or roll back to.`,
      remediation:
        'Publish a version with each deployment and point the alias at it (aws lambda update-alias --function-version N).',
      evidence: seen,
    });
  }
  const split = Object.entries(additionalWeights).filter(([, weight]) => weight > 0);
  if (split.length > 0) {
    const others = split.map(([version, weight]) => `${percent(weight)} to version ${version}`).join(', ');
    return strategyFinding('lambda-alias', fn.arn, {
      status: 'WARN',
      message: `${name} splits traffic: ${others}, the rest to version ${functionVersion}; a shift is in progress or was left half-way.`,
      remediation:
        'Finish or roll back the deployment so the alias serves one version (aws lambda update-alias --routing-config AdditionalVersionWeights={}).',
      evidence: seen,
    });
  }
  if (context.gradualTraffic && !context.lambdaGroupConfigured) {
    return strategyFinding('lambda-alias', fn.arn, {
      status: 'WARN',
      message: `${name} serves version ${functionVersion}, but no configured CodeDeploy deployment group shifts it gradually: moving the alias moves all traffic at once.`,
      remediation:
        'Deploy the function through a CodeDeploy Lambda deployment group with a canary or linear configuration, and name it in checks.deployment-strategy.deploymentGroups.',
      evidence: seen,
    });
  }
  return strategyFinding('lambda-alias', fn.arn, {
    status: 'PASS',
    message: `${name} serves published version ${functionVersion}, all traffic on it.`,
    evidence: seen,
  });
}
