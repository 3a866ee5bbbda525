import type { Finding } from '../../../../findings';
import type { TracedFunction } from '../../../tracing/ports';
import { environmentVariablesFinding } from '../../finding';
import { type SecretHeuristics, secretLookingVariables } from '../../secret-looking';

/**
 * `function-environment`: no Lambda environment variable looks like a secret (by its name or its
 * value). A secret-looking one: `plainSecret` (FAIL by default), naming the key and a fingerprint
 * of the value, never the value. Variables Lambda could not give (a KMS key it cannot use): WARN,
 * they could not be seen. Variables encrypted with a customer managed key are noted.
 */
export function judgeFunctionEnvironment(
  fn: TracedFunction,
  heuristics: SecretHeuristics,
  plainSecret: 'WARN' | 'FAIL',
): Finding {
  const kms = fn.kmsKeyArn === undefined ? {} : { kmsKeyArn: fn.kmsKeyArn };
  const note =
    fn.kmsKeyArn === undefined ? '' : ' Its variables are encrypted at rest with a customer managed key.';
  if (fn.environmentError !== undefined) {
    return environmentVariablesFinding('function-environment', fn.arn, {
      status: 'WARN',
      message: `Could not see the environment variables of ${fn.name}: Lambda reports ${fn.environmentError}.`,
      evidence: { functionName: fn.name, environmentError: fn.environmentError, ...kms },
      remediation:
        'Let the audit role use the function’s KMS key (kms:Decrypt through Lambda), or check the variables by hand.',
    });
  }
  const variables = Object.entries(fn.environment ?? {});
  const flagged = secretLookingVariables(variables, heuristics);
  const evidence = { functionName: fn.name, variables: variables.length, ...kms };
  if (flagged.length === 0) {
    return environmentVariablesFinding('function-environment', fn.arn, {
      status: 'PASS',
      message: `${fn.name}: none of its ${variables.length} environment variable(s) looks like a secret.${note}`,
      evidence,
    });
  }
  return environmentVariablesFinding('function-environment', fn.arn, {
    status: plainSecret,
    message: `${fn.name} keeps ${flagged.length} secret-looking value(s) in its environment variables: ${flagged
      .map((v) => `${v.key} (sha256:${v.fingerprint})`)
      .join(', ')}.${note}`,
    evidence: {
      ...evidence,
      location: 'Lambda Environment.Variables',
      secretLooking: flagged.map((v) => ({ key: v.key, fingerprint: v.fingerprint, reasons: v.reasons })),
    },
    remediation:
      'Move each value to Secrets Manager (or an SSM SecureString) and read it at run time (the Parameters and Secrets Lambda extension caches it); rotate the exposed value; add a key to allowedKeys only if it is truly not a secret.',
  });
}
