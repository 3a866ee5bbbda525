import { findingBuilder } from '../kit/finding';

/** The rules of the deployment-strategy check. */
export type DeploymentStrategyRule =
  | 'deployment-group'
  | 'blue-green'
  | 'traffic-shift'
  | 'original-kept'
  | 'auto-rollback'
  | 'rollback-alarms'
  | 'circuit-breaker'
  | 'lambda-alias'
  | 'scope';

/** A finding of the deployment-strategy check. */
export const strategyFinding = findingBuilder<DeploymentStrategyRule>('deployment-strategy');

/** A finding of the rollback-tested check. */
export const rollbackTestedFinding = findingBuilder<'last-run'>('rollback-tested');
