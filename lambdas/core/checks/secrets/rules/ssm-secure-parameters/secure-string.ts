import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { parameterFinding } from '../../finding';
import { isAwsManagedKey } from '../../kms';
import type { ParameterMetadata } from '../../ports';

/** The first sensitive pattern found in the name, case-insensitively, or undefined. */
export function matchSensitivePattern(name: string, patterns: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return patterns.find((pattern) => lower.includes(pattern.toLowerCase()));
}

/**
 * The last word of the name's last path segment, lower case: words are split at `-`, `_`, `.`
 * and lower-to-upper case changes (`dbSecretArn` → `arn`).
 */
export function lastNameWord(name: string): string {
  const segment = name.slice(name.lastIndexOf('/') + 1);
  const words = segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
  return (words.at(-1) ?? '').toLowerCase();
}

/**
 * Judges the parameters whose names look sensitive: each must be a SecureString. Parameters with
 * ordinary names are out of scope and produce no finding, and so are those whose name ends in a
 * reference word (`/app/db-secret-arn`, `/app/token-ttl`): they name or describe a secret, the
 * secret is elsewhere.
 */
export function evaluateParameters(
  parameters: readonly ParameterMetadata[],
  settings: Pick<CheckSettings['ssm-secure-parameters'], 'sensitivePatterns' | 'referenceWords'>,
): Finding[] {
  const references = new Set(settings.referenceWords.map((word) => word.toLowerCase()));
  return parameters.flatMap((parameter) => {
    const matchedPattern = matchSensitivePattern(parameter.name, settings.sensitivePatterns);
    if (matchedPattern === undefined || references.has(lastNameWord(parameter.name))) return [];
    return [judgeParameter(parameter, matchedPattern)];
  });
}

function judgeParameter(parameter: ParameterMetadata, matchedPattern: string): Finding {
  const finding = (fields: FindingFields) =>
    parameterFinding('secure-string', parameter.arn ?? parameter.name, fields);
  const evidence = {
    name: parameter.name,
    type: parameter.type,
    matchedPattern,
    lastModifiedDate: parameter.lastModifiedDate?.toISOString() ?? null,
  };
  if (parameter.type === 'SecureString') {
    return finding({
      status: 'PASS',
      message: 'Sensitive-looking parameter is a SecureString.',
      evidence: {
        ...evidence,
        keyId: parameter.keyId ?? 'alias/aws/ssm (default)',
        keyType: isAwsManagedKey(parameter.keyId) ? 'aws-managed' : 'customer-managed',
      },
    });
  }
  return finding({
    status: 'FAIL',
    message: `Name matches "${matchedPattern}" but the parameter is a plain ${parameter.type}.`,
    evidence,
    remediation: `Re-create ${parameter.name} as a SecureString (aws ssm put-parameter --type SecureString), then rotate the value: anyone allowed ssm:GetParameter could read it in clear text. Use Secrets Manager instead if it must rotate.`,
  });
}
