import { describe, expect, it } from 'vitest';
import type { ParameterMetadata } from '../../../../lambdas/core/checks/secrets/ports';
import {
  evaluateParameters,
  matchSensitivePattern,
} from '../../../../lambdas/core/checks/secrets/rules/ssm-secure-parameters/secure-string';
import { ConfigSchema } from '../../../../lambdas/core/config/schema';

const DEFAULTS = ConfigSchema.parse({}).checks['ssm-secure-parameters'];
const arn = (name: string) => `arn:aws:ssm:eu-west-1:111122223333:parameter${name}`;

describe('matchSensitivePattern', () => {
  it.each([
    { name: '/prod/orders/db-password', match: 'password' },
    { name: '/prod/orders/DB_PASSWORD', match: 'password' },
    { name: '/prod/partner/ApiKey', match: 'apikey' },
    { name: '/prod/github/token', match: 'token' },
    { name: '/prod/orders/db-host', match: undefined },
    { name: '/prod/shared/vpc-id', match: undefined },
  ])('finds $match in $name with the default patterns', ({ name, match }) => {
    expect(matchSensitivePattern(name, DEFAULTS.sensitivePatterns)).toBe(match);
  });
});

describe('evaluateParameters', () => {
  const parameters: ParameterMetadata[] = [
    { name: '/prod/orders/db-password', arn: arn('/prod/orders/db-password'), type: 'String' },
    { name: '/prod/orders/signing-secrets', arn: arn('/prod/orders/signing-secrets'), type: 'StringList' },
    {
      name: '/prod/orders/api-token',
      arn: arn('/prod/orders/api-token'),
      type: 'SecureString',
      keyId: 'alias/aws/ssm',
    },
    { name: '/prod/orders/db-host', arn: arn('/prod/orders/db-host'), type: 'String' },
    { name: '/legacy/api_key', type: 'SecureString', keyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc' },
  ];

  it('fails plain sensitive parameters, passes SecureStrings and ignores ordinary names', () => {
    // Act
    const findings = evaluateParameters(parameters, DEFAULTS);

    // Assert
    expect(findings.map((f) => [f.resource, f.status])).toEqual([
      [arn('/prod/orders/db-password'), 'FAIL'],
      [arn('/prod/orders/signing-secrets'), 'FAIL'],
      [arn('/prod/orders/api-token'), 'PASS'],
      ['/legacy/api_key', 'PASS'],
    ]);
  });

  it('explains a FAIL with the matched pattern and a fix', () => {
    // Act
    const [finding] = evaluateParameters(parameters.slice(0, 1), DEFAULTS);

    // Assert
    expect(finding).toMatchObject({
      checkId: 'ssm-secure-parameters',
      rule: 'secure-string',
      evidence: { type: 'String', matchedPattern: 'password' },
    });
    expect(finding?.remediation).toContain('SecureString');
  });

  it('records which kind of key protects a SecureString', () => {
    // Act
    const findings = evaluateParameters(parameters.slice(2), DEFAULTS);

    // Assert
    expect(findings.map((f) => f.evidence?.keyType)).toEqual(['aws-managed', 'customer-managed']);
  });

  it('finds nothing in scope when no pattern is configured', () => {
    expect(evaluateParameters(parameters, { ...DEFAULTS, sensitivePatterns: [] })).toEqual([]);
  });

  it.each([
    { name: '/app/db-secret-arn', judged: false },
    { name: '/app/dbSecretArn', judged: false },
    { name: '/app/token-ttl', judged: false },
    { name: '/app/api_key.name', judged: false },
    { name: '/app/password-length', judged: false },
    { name: '/app/github/token', judged: true },
    { name: '/app/arn/db-password', judged: true },
    { name: '/app/secret-arnold', judged: true },
    { name: '/app/secret-', judged: true },
  ])('judges $name as a secret: $judged (its last word)', ({ name, judged }) => {
    const findings = evaluateParameters([{ name, arn: arn(name), type: 'String' }], DEFAULTS);

    expect(findings.map((f) => f.status)).toEqual(judged ? ['FAIL'] : []);
  });

  it('judges every sensitive name when no reference word is configured', () => {
    const findings = evaluateParameters([{ name: '/app/db-secret-arn', type: 'String' }], {
      ...DEFAULTS,
      referenceWords: [],
    });

    expect(findings.map((f) => f.status)).toEqual(['FAIL']);
  });
});
