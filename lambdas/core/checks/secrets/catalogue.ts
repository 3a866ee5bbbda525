import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The secrets family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const secretCatalogue = {
  'secrets-rotation': {
    id: 'secrets-rotation',
    title: 'Secrets Manager secrets rotate on schedule',
    permissions: ['secretsmanager:ListSecrets', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['secretsmanager:secret'] },
  },
  'secrets-encryption': {
    id: 'secrets-encryption',
    title: 'Secrets Manager secrets use a customer managed KMS key',
    permissions: ['secretsmanager:ListSecrets', 'kms:DescribeKey', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['secretsmanager:secret'] },
  },
  'ssm-secure-parameters': {
    id: 'ssm-secure-parameters',
    title: 'Sensitive SSM parameters are SecureStrings',
    permissions: ['ssm:DescribeParameters', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['ssm:parameter'] },
  },
  'iam-access-keys': {
    id: 'iam-access-keys',
    title: 'IAM access keys are rotated and in use',
    permissions: ['iam:GetAccountSummary', 'iam:ListUsers', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'],
    // IAM users and the root user belong to the account, not to a service: judged once per account.
    scope: { kind: 'account' },
  },
} as const satisfies FamilyCatalogue;
