import type {
  AccessKey,
  AccessKeyUsage,
  IamUser,
  ParameterMetadata,
  SecretMetadata,
  SecretsPorts,
} from '../core/checks/secrets/ports';
import { AwsCallError } from '../core/errors';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const CMK = `arn:aws:kms:${REGION}:${ACCOUNT}:key/5f0c2a8e-3b1d-4c6e-9a7f-2d8e1b4c6a90`;

const secretArn = (name: string, suffix: string) =>
  `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-${suffix}`;
const parameterArn = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name}`;
const user = (userName: string): IamUser => ({ userName, arn: `arn:aws:iam::${ACCOUNT}:user/${userName}` });

/**
 * The sample account's secrets, parameters and IAM keys, dated relative to `now`: a healthy
 * database secret, an unrotated API key on the AWS managed key, a stuck rotation, a documented
 * exemption, a plain-text password parameter, an old key, an idle key, and one user whose keys
 * the auditor is not allowed to list.
 */
export function sampleSecretsPorts(now: Date): SecretsPorts {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);

  const secrets: SecretMetadata[] = [
    {
      arn: secretArn('prod/orders/db', 'Xk3p9Q'),
      name: 'prod/orders/db',
      kmsKeyId: CMK,
      rotationEnabled: true,
      rotationRules: { automaticallyAfterDays: 30 },
      lastRotatedDate: ago(20),
      lastChangedDate: ago(20),
      nextRotationDate: ago(-10),
      createdDate: ago(400),
      tags: { team: 'orders' },
      versionStages: {
        'b1e6c2d4-0f3a-4e8b-9c71-5a2d3f4e6b80': ['AWSCURRENT'],
        '9e4f1b3c-6d2a-4f8e-b5c7-1a3d5f7b9e02': ['AWSPREVIOUS'],
      },
    },
    {
      arn: secretArn('prod/payments/stripe-api-key', 'Lm8vR2'),
      name: 'prod/payments/stripe-api-key',
      rotationEnabled: false,
      lastChangedDate: ago(200),
      createdDate: ago(200),
      tags: { team: 'payments' },
      versionStages: { 'c3f1a9e2-7b4d-4a1c-8e5f-0d9b2c7a6e14': ['AWSCURRENT'] },
    },
    {
      arn: secretArn('prod/legacy/ftp', 'Qw4tZ7'),
      name: 'prod/legacy/ftp',
      kmsKeyId: CMK,
      rotationEnabled: true,
      rotationRules: { automaticallyAfterDays: 30 },
      lastRotatedDate: ago(34),
      lastChangedDate: ago(4),
      nextRotationDate: ago(4),
      createdDate: ago(900),
      tags: { team: 'platform' },
      versionStages: {
        'd8a2b6c4-1e9f-4b3a-a7d5-6c0e2f8b4a19': ['AWSCURRENT'],
        'e5b7c9d1-2f0a-4c6e-b8a3-7d1f3a9c5b20': ['AWSPENDING'],
      },
    },
    {
      arn: secretArn('prod/partner/webhook-signing', 'Hj6nB1'),
      name: 'prod/partner/webhook-signing',
      kmsKeyId: CMK,
      rotationEnabled: false,
      lastChangedDate: ago(300),
      createdDate: ago(300),
      tags: {
        team: 'integrations',
        'preflight:rotation-exempt':
          'Acme Pay issues this signing key and rotates it on their side (SEC-142).',
      },
      versionStages: { 'f2c4d6e8-3a1b-4d5f-9e7c-8b0a2d4f6c31': ['AWSCURRENT'] },
    },
  ];

  const parameters: ParameterMetadata[] = [
    { name: '/prod/orders/db-host', type: 'String', lastModifiedDate: ago(400) },
    { name: '/prod/orders/db-password', type: 'String', lastModifiedDate: ago(150) },
    {
      name: '/prod/orders/api-token',
      type: 'SecureString',
      keyId: 'alias/aws/ssm',
      lastModifiedDate: ago(30),
    },
    { name: '/prod/orders/feature-flags', type: 'StringList', lastModifiedDate: ago(3) },
    { name: '/prod/shared/vpc-id', type: 'String', lastModifiedDate: ago(700) },
  ].map((parameter) => ({ ...parameter, arn: parameterArn(parameter.name) }));

  const users = ['ci-deployer', 'reporting', 'ops-admin', 'break-glass', 'console-only'].map(user);
  const keys: Record<string, AccessKey[]> = {
    'ci-deployer': [
      {
        accessKeyId: 'AKIAQ3EXAMPLECIDEPLY',
        userName: 'ci-deployer',
        status: 'Active',
        createDate: ago(120),
      },
    ],
    reporting: [
      { accessKeyId: 'AKIAQ3EXAMPLEREPORTS', userName: 'reporting', status: 'Active', createDate: ago(80) },
    ],
    'ops-admin': [
      { accessKeyId: 'AKIAQ3EXAMPLEOPSNEW1', userName: 'ops-admin', status: 'Active', createDate: ago(12) },
      {
        accessKeyId: 'AKIAQ3EXAMPLEOPSOLD1',
        userName: 'ops-admin',
        status: 'Inactive',
        createDate: ago(190),
      },
    ],
    'console-only': [],
  };
  const usage: Record<string, AccessKeyUsage> = {
    AKIAQ3EXAMPLECIDEPLY: { lastUsedDate: ago(1), serviceName: 'cloudformation', region: REGION },
    AKIAQ3EXAMPLEREPORTS: { lastUsedDate: ago(60), serviceName: 's3', region: REGION },
    AKIAQ3EXAMPLEOPSNEW1: { lastUsedDate: ago(0.2), serviceName: 'sts', region: 'us-east-1' },
  };

  return {
    listSecrets: async () => secrets,
    describeKey: async (keyId) => ({ arn: keyId, keyState: 'Enabled', keyManager: 'CUSTOMER' }),
    listParameters: async () => parameters,
    listUsers: async () => users,
    async listAccessKeys({ userName }) {
      if (userName === 'break-glass') {
        // An explicit deny on the break-glass user, as many organisations set: the report must say so.
        throw new AwsCallError(
          'iam:ListAccessKeys',
          'access-denied',
          'AccessDenied',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/preflight-auditor/preflight is not authorized to perform: iam:ListAccessKeys on resource: user break-glass with an explicit deny`,
        );
      }
      return keys[userName] ?? [];
    },
    getAccessKeyLastUsed: async (accessKeyId) => usage[accessKeyId] ?? {},
    rootUser: async () => ({ userName: '<root_account>', arn: `arn:aws:iam::${ACCOUNT}:root` }),
    countRootAccessKeys: async () => 0,
  };
}
