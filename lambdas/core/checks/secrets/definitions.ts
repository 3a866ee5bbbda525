import type { CheckDefinition } from '../types';
import { auditAccessKeys } from './audit-access-keys';
import { evaluateSecretEncryption } from './evaluate-encryption';
import { evaluateParameters } from './evaluate-parameters';
import { evaluateSecretRotation } from './evaluate-rotation';

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
    permissions: ['secretsmanager:ListSecrets'],
    async run(account, settings, now) {
      const secrets = await account.secrets.listSecrets();
      return secrets.flatMap((secret) => evaluateSecretRotation(secret, settings, now));
    },
  },
  'secrets-encryption': {
    id: 'secrets-encryption',
    title: 'Secrets Manager secrets use a customer managed KMS key',
    permissions: ['secretsmanager:ListSecrets'],
    async run(account, settings) {
      const secrets = await account.secrets.listSecrets();
      return secrets.map((secret) => evaluateSecretEncryption(secret, settings));
    },
  },
  'ssm-secure-parameters': {
    id: 'ssm-secure-parameters',
    title: 'Sensitive SSM parameters are SecureStrings',
    permissions: ['ssm:DescribeParameters'],
    async run(account, settings) {
      return evaluateParameters(await account.secrets.listParameters(), settings);
    },
  },
  'iam-access-keys': {
    id: 'iam-access-keys',
    title: 'IAM access keys are rotated and in use',
    permissions: ['iam:ListUsers', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'],
    run: (account, settings, now) => auditAccessKeys(account.secrets, settings, now),
  },
};
