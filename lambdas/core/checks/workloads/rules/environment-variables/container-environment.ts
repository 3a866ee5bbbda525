import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { environmentVariablesFinding } from '../../finding';
import type { EcsTaskDefinition } from '../../ports';
import { type SecretHeuristics, secretLookingVariables } from '../../secret-looking';
import type { TaskDefinitionUse } from '../resource-limits/task-definition-limits';

/**
 * `container-environment`: no plain `environment` entry of the task definition's containers looks
 * like a secret. A secret-looking one: `plainSecret` (FAIL by default), naming the container, the
 * key and a fingerprint of the value, never the value. The definition that could not be read: ERROR.
 */
export function judgeContainerEnvironment(
  use: TaskDefinitionUse,
  definition: Outcome<EcsTaskDefinition>,
  heuristics: SecretHeuristics,
  plainSecret: 'WARN' | 'FAIL',
): Finding {
  const services = [...use.services];
  if (!definition.ok) {
    return errorFinding(environmentVariablesFinding, 'container-environment', use.arn, definition.error, {
      services,
    });
  }
  const td = definition.value;
  const flagged = td.containers.flatMap((container) =>
    secretLookingVariables(
      container.environment.map((v) => [v.name, v.value] as const),
      heuristics,
    ).map((v) => ({ container: container.name, ...v })),
  );
  const count = td.containers.reduce((sum, c) => sum + c.environment.length, 0);
  const evidence = { taskDefinition: td.name, services, variables: count };
  if (flagged.length === 0) {
    return environmentVariablesFinding('container-environment', use.arn, {
      status: 'PASS',
      message: `${td.name}: none of its ${count} plain environment variable(s) looks like a secret.`,
      evidence,
    });
  }
  return environmentVariablesFinding('container-environment', use.arn, {
    status: plainSecret,
    message: `${td.name} (run by ${services.join(', ')}) keeps ${flagged.length} secret-looking value(s) in plain container environment: ${flagged
      .map((v) => `${v.container}/${v.key} (sha256:${v.fingerprint})`)
      .join(', ')}.`,
    evidence: {
      ...evidence,
      location: 'ECS containerDefinitions[].environment',
      secretLooking: flagged.map((v) => ({
        container: v.container,
        key: v.key,
        fingerprint: v.fingerprint,
        reasons: v.reasons,
      })),
    },
    remediation:
      'Store each value in Secrets Manager or an SSM SecureString and reference it from the container’s secrets (valueFrom), which ECS injects at start; rotate the exposed value; register a new revision and update the service.',
  });
}
