import { describe, expect, it } from 'vitest';
import { isAwsManagedKey } from '../../../../lambdas/core/checks/secrets/kms';
import { evaluateSecretEncryption } from '../../../../lambdas/core/checks/secrets/rules/secrets-encryption/kms-key';
import { secret } from './fixtures';

const CMK_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/5f0c2a8e-3b1d-4c6e-9a7f-2d8e1b4c6a90';

describe('isAwsManagedKey', () => {
  it.each([
    { keyId: undefined, managed: true },
    { keyId: '', managed: true },
    { keyId: 'alias/aws/secretsmanager', managed: true },
    { keyId: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager', managed: true },
    { keyId: 'alias/aws/ssm', managed: true },
    { keyId: 'alias/orders-secrets', managed: false },
    { keyId: 'alias/awsome-team', managed: false },
    { keyId: CMK_ARN, managed: false },
    { keyId: '5f0c2a8e-3b1d-4c6e-9a7f-2d8e1b4c6a90', managed: false },
  ])('says $managed for "$keyId"', ({ keyId, managed }) => {
    expect(isAwsManagedKey(keyId)).toBe(managed);
  });
});

describe('evaluateSecretEncryption', () => {
  it.each([
    { name: 'customer managed key ARN, CMK required', kmsKeyId: CMK_ARN, require: true, status: 'PASS' },
    { name: 'no key (AWS managed), CMK required', kmsKeyId: undefined, require: true, status: 'FAIL' },
    {
      name: 'AWS managed alias, CMK required',
      kmsKeyId: 'alias/aws/secretsmanager',
      require: true,
      status: 'FAIL',
    },
    { name: 'no key (AWS managed), CMK not required', kmsKeyId: undefined, require: false, status: 'PASS' },
  ])('$name gives $status', ({ kmsKeyId, require, status }) => {
    // Act
    const finding = evaluateSecretEncryption(secret({ kmsKeyId }), { requireCustomerManagedKey: require });

    // Assert
    expect(finding).toMatchObject({
      checkId: 'secrets-encryption',
      rule: 'kms-key',
      resource: secret().arn,
      status,
    });
    if (status === 'FAIL') expect(finding.remediation).toContain('--kms-key-id');
  });

  it('records the key type as evidence when the AWS managed key is allowed', () => {
    // Act
    const finding = evaluateSecretEncryption(secret({ kmsKeyId: undefined }), {
      requireCustomerManagedKey: false,
    });

    // Assert
    expect(finding.evidence).toMatchObject({ keyType: 'aws-managed', requireCustomerManagedKey: false });
  });
});
