import type { Finding } from '../../../../findings';
import { strategyFinding } from '../../finding';
import type { EcsService } from '../../ports';

/** What the circuit breaker rule needs beyond the service: the configured groups that deploy it. */
export interface CodeDeployCover {
  /** `application/group` of a configured deployment group whose ECS services include this one. */
  readonly groupOf: (service: EcsService) => string | undefined;
}

/**
 * `circuit-breaker`: an ECS service rolled by ECS itself has its deployment circuit breaker on
 * with rollback, so a deployment whose tasks keep failing goes back to the last good one. A
 * service deployed by a configured CodeDeploy group is judged there (PASS naming it); by a group
 * the configuration does not name, or by an external controller: WARN, it could not be judged.
 */
export function judgeCircuitBreaker(service: EcsService, cover: CodeDeployCover): Finding {
  const evidence = {
    service: service.name,
    cluster: service.clusterArn,
    deploymentController: service.deploymentController,
    circuitBreaker: service.circuitBreaker ?? null,
  };
  if (service.deploymentController === 'CODE_DEPLOY') {
    const group = cover.groupOf(service);
    return group === undefined
      ? strategyFinding('circuit-breaker', service.arn, {
          status: 'WARN',
          message: `ECS service ${service.name} is deployed by CodeDeploy through a deployment group the configuration does not name: its strategy could not be judged.`,
          remediation:
            'Name its deployment group in checks.deployment-strategy.deploymentGroups (or the service watch.rollback).',
          evidence,
        })
      : strategyFinding('circuit-breaker', service.arn, {
          status: 'PASS',
          message: `ECS service ${service.name} is deployed by CodeDeploy group ${group}, whose rollback is judged on the group.`,
          evidence: { ...evidence, deploymentGroup: group },
        });
  }
  if (service.deploymentController !== 'ECS') {
    return strategyFinding('circuit-breaker', service.arn, {
      status: 'WARN',
      message: `ECS service ${service.name} is deployed by a ${service.deploymentController} controller: how it rolls back could not be judged.`,
      remediation:
        "Check the external controller's rollback yourself, or move the service to the ECS or CODE_DEPLOY controller.",
      evidence,
    });
  }
  const breaker = service.circuitBreaker;
  if (breaker?.enable === true && breaker.rollback) {
    return strategyFinding('circuit-breaker', service.arn, {
      status: 'PASS',
      message: `ECS service ${service.name} rolls a failing deployment back (circuit breaker with rollback).`,
      evidence,
    });
  }
  return strategyFinding('circuit-breaker', service.arn, {
    status: 'FAIL',
    message:
      breaker?.enable === true
        ? `ECS service ${service.name} stops a failing deployment (circuit breaker) but does not roll it back: it stays on the failed version.`
        : `ECS service ${service.name} has no deployment circuit breaker: a deployment whose tasks keep failing goes on retrying them.`,
    remediation: `Turn the circuit breaker on with rollback (aws ecs update-service --cluster ${service.clusterArn} --service ${service.name} --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}").`,
    evidence,
  });
}
