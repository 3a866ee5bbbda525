import { type CheckScope, WHOLE_ACCOUNT } from '../../scope/check-scope';
import { type CheckDefinition, SCOPE_PERMISSIONS } from '../types';
import { auditAccessKeys } from './audit-access-keys';
import { evaluateSecretRotation } from './evaluate-rotation';
import type { ParameterMetadata, SecretMetadata } from './ports';
import { evaluateSecretEncryption } from './rules/secrets-encryption/kms-key';
import { evaluateParameters } from './rules/ssm-secure-parameters/secure-string';

const secretIdentity = (secret: SecretMetadata) => ({ arn: secret.arn, names: [secret.name] });
const parameterIdentity = (parameter: ParameterMetadata) => ({
  ...(parameter.arn === undefined ? {} : { arn: parameter.arn }),
  names: [parameter.name],
});
const inScope = (scope: CheckScope, secrets: SecretMetadata[]) => scope.select(secrets, secretIdentity);

/*
 * Every check here reads metadata only. None may ever need secretsmanager:GetSecretValue,
 * BatchGetSecretValue or ssm:GetParameter*: an auditor that can read the secrets it audits is a
 * bigger risk than the findings it reports.
 */

/** The checks behind "Secrets properly encrypted and stored" and "API keys rotated if required". */
export const secretChecks: {
  readonly 'secrets-rotation': CheckDefinition<'secrets-rotation'>;
  readonly 'secrets-encryption': CheckDefinition<'secrets-encryption'>;
  readonly 'ssm-secure-parameters': CheckDefinition<'ssm-secure-parameters'>;
  readonly 'iam-access-keys': CheckDefinition<'iam-access-keys'>;
} = {
  'secrets-rotation': {
    id: 'secrets-rotation',
    title: 'Secrets Manager secrets rotate on schedule',
    permissions: ['secretsmanager:ListSecrets', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['secretsmanager:secret'] },
    async run(account, settings, now, scope = WHOLE_ACCOUNT) {
      const secrets = inScope(scope, await account.secrets.listSecrets());
      return secrets.flatMap((secret) => evaluateSecretRotation(secret, settings, now));
    },
  },
  'secrets-encryption': {
    id: 'secrets-encryption',
    title: 'Secrets Manager secrets use a customer managed KMS key',
    permissions: ['secretsmanager:ListSecrets', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['secretsmanager:secret'] },
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const secrets = inScope(scope, await account.secrets.listSecrets());
      return secrets.map((secret) => evaluateSecretEncryption(secret, settings));
    },
  },
  'ssm-secure-parameters': {
    id: 'ssm-secure-parameters',
    title: 'Sensitive SSM parameters are SecureStrings',
    permissions: ['ssm:DescribeParameters', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['ssm:parameter'] },
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      return evaluateParameters(
        scope.select(await account.secrets.listParameters(), parameterIdentity),
        settings,
      );
    },
  },
  'iam-access-keys': {
    id: 'iam-access-keys',
    title: 'IAM access keys are rotated and in use',
    permissions: ['iam:ListUsers', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'],
    // IAM users belong to the account, not to a service: judged once per account.
    scope: { kind: 'account' },
    run: (account, settings, now) => auditAccessKeys(account.secrets, settings, now),
  },
};
