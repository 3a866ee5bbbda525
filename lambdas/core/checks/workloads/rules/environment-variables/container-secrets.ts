import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { environmentVariablesFinding } from '../../finding';
import type { EcsTaskDefinition } from '../../ports';
import type { SecretSource } from '../../secret-reference';
import type { TaskDefinitionUse } from '../resource-limits/task-definition-limits';

/** One `secrets` entry of a container, where it points and whether that exists. */
export interface CheckedSecretReference {
  readonly container: string;
  readonly name: string;
  readonly source: SecretSource;
  /** Whether the secret or parameter exists; absent for a source of another account or region. */
  readonly exists?: Outcome<boolean>;
}

/**
 * `container-secrets`: every `secrets` entry of the task definition's containers points at a
 * Secrets Manager secret or SSM parameter that exists (metadata only: its value is never read). A
 * missing one: FAIL (the task cannot start). One that could not be looked up: ERROR. One of another
 * account or region: WARN, it could not be seen. No `secrets` at all: no finding.
 */
export function judgeContainerSecrets(
  use: TaskDefinitionUse,
  definition: Outcome<EcsTaskDefinition>,
  references: readonly CheckedSecretReference[],
): Finding | undefined {
  const services = [...use.services];
  if (!definition.ok) {
    return errorFinding(environmentVariablesFinding, 'container-secrets', use.arn, definition.error, {
      services,
    });
  }
  if (references.length === 0) return undefined;
  const td = definition.value;
  const label = (r: CheckedSecretReference) =>
    `${r.container}/${r.name} → ${r.source.kind === 'secret' ? r.source.secretId : r.source.kind === 'parameter' ? `parameter ${r.source.name}` : r.source.where}`;
  const failed = references.find((r) => r.exists !== undefined && !r.exists.ok);
  if (failed?.exists !== undefined && !failed.exists.ok) {
    return errorFinding(environmentVariablesFinding, 'container-secrets', use.arn, failed.exists.error, {
      taskDefinition: td.name,
      services,
      reference: label(failed),
    });
  }
  const missing = references.filter((r) => r.exists?.ok === true && !r.exists.value);
  const unseen = references.filter((r) => r.exists === undefined);
  const evidence = {
    taskDefinition: td.name,
    services,
    references: references.map((r) => ({
      container: r.container,
      name: r.name,
      source: r.source,
      exists: r.exists?.ok === true ? r.exists.value : null,
    })),
  };
  if (missing.length > 0) {
    return environmentVariablesFinding('container-secrets', use.arn, {
      status: 'FAIL',
      message: `${td.name} references ${missing.length} secret(s) that do not exist: ${missing.map(label).join(', ')}; its tasks cannot start.`,
      evidence,
      remediation:
        'Create the secret or parameter (or correct valueFrom), register a new revision and update the service.',
    });
  }
  if (unseen.length > 0) {
    return environmentVariablesFinding('container-secrets', use.arn, {
      status: 'WARN',
      message: `${td.name} references ${unseen.length} secret(s) of another account or region that this audit cannot see: ${unseen.map(label).join(', ')}.`,
      evidence,
      remediation: 'Audit the account and region that hold them, or check by hand that each exists.',
    });
  }
  return environmentVariablesFinding('container-secrets', use.arn, {
    status: 'PASS',
    message: `${td.name}: all ${references.length} secret reference(s) point at secrets or parameters that exist.`,
    evidence,
  });
}
