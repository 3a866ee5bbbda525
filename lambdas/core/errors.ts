/** How an AWS call failed, as far as the auditor cares. */
export type AwsFailureKind =
  | 'access-denied'
  | 'throttled'
  | 'timeout'
  | 'malformed-response'
  | 'not-found'
  | 'other';

/**
 * An AWS call failed for good (after the SDK's own retries). Adapters throw it so that
 * the check runner can turn it into an ERROR finding naming the call and the permission.
 */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    /** The IAM action of the call, e.g. `secretsmanager:ListSecrets`. */
    readonly action: string,
    readonly kind: AwsFailureKind,
    /** The service's error code, e.g. `AccessDeniedException`. */
    readonly code: string,
    detail: string,
  ) {
    super(`${action} failed (${code}): ${detail}`);
  }
}

/**
 * An environment cannot be reached as configured: its role could not be assumed, or Preflight's own
 * credentials are for another account than the environment names. Everything in it is ERROR.
 */
export class EnvironmentAccessError extends Error {
  override readonly name = 'EnvironmentAccessError';
  constructor(
    message: string,
    /** What to change so the environment can be reached. */
    readonly remediation: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The fix for the two set-up mistakes everyone makes once: no region, no credentials. */
function setupHint(message: string): string | undefined {
  if (/Region is missing/i.test(message))
    return 'Pass --region or set AWS_REGION (or a region in your AWS profile).';
  if (/Could not load credentials|credential/i.test(message)) {
    return 'Provide AWS credentials: --profile, AWS_PROFILE, environment variables, SSO or an instance role.';
  }
  return undefined;
}

/** A human-readable reason and fix for any error thrown while a check ran. */
export function explainError(error: unknown): { message: string; remediation: string; code: string } {
  if (error instanceof AwsCallError) {
    switch (error.kind) {
      case 'access-denied':
        return {
          code: error.code,
          message: `Could not evaluate: ${error.action} was denied (${error.code}).`,
          remediation: `Allow ${error.action} for the role Preflight runs as.`,
        };
      case 'throttled':
        return {
          code: error.code,
          message: `Could not evaluate: ${error.action} stayed throttled after retries (${error.code}).`,
          remediation: 'Run again later, lower gate.concurrency, or ask AWS for a higher API rate.',
        };
      case 'timeout':
        return {
          code: error.code,
          message: `Could not evaluate: ${error.action} timed out.`,
          remediation: 'Check network reachability of the AWS endpoint and run again.',
        };
      default:
        return {
          code: error.code,
          message: `Could not evaluate: ${error.message}`,
          remediation: setupHint(error.message) ?? `Investigate the ${error.action} failure and run again.`,
        };
    }
  }
  if (error instanceof EnvironmentAccessError) {
    return {
      code: error.name,
      message: `Could not evaluate: ${error.message}`,
      remediation: error.remediation,
    };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    code: err.name,
    message: `Could not evaluate: ${err.name}: ${err.message}`,
    remediation: 'This is a Preflight defect or an unexpected response; report it with the evidence.',
  };
}
