import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  secretLookingVariables,
  secretReasons,
  shannonEntropy,
} from '../../../../lambdas/core/checks/workloads/secret-looking';
import { secretSourceOf } from '../../../../lambdas/core/checks/workloads/secret-reference';
import { validateConfig } from '../../../../lambdas/core/config/validate';

const HEURISTICS = validateConfig({}).checks['environment-variables'];
const TD = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1';

describe('secretReasons', () => {
  it.each<[string, string, RegExp | null]>([
    ['DB_PASSWORD', 'Tr0ub4dor&3', /name contains PASSWORD/],
    ['stripe-api-key', 'abc', /name contains API_KEY/],
    ['GithubToken', 'x', /name contains TOKEN/],
    ['LEGACY_KEY_ID', 'AKIAIOSFODNN7EXAMPLE', /AWS access key id/],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', /PEM/],
    [
      'SESSION',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      /JSON Web Token/,
    ],
    ['DATABASE_URL', 'postgres://app:s3cr3t@db.internal:5432/app', /URL with a password/],
    ['SIGNING', 'q8Zr2LkP0vXw9Tn4Yb7Hc1Jd6Mf3Gs5A', /looks random/],
    // Names that look sensitive but hold a reference or a setting, and plain configuration.
    ['DB_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC123', null],
    ['TOKEN_TTL', '3600', null],
    ['TOKEN_URL', 'https://auth.example.com/oauth2/token', null],
    ['PASSWORD_PARAMETER', '/prod/db/password', null],
    ['LOG_LEVEL', 'info', null],
    ['REQUEST_ID', '3f1c2a9e-7b4d-4e0a-9c51-0d2f6b8a1e11', null],
    ['BUCKET', 'orders-receipts-prod', null],
    ['DB_PASSWORD', '', null],
  ])('%s: %s', (key, value, reason) => {
    const reasons = secretReasons(key, value, HEURISTICS);
    if (reason === null) expect(reasons).toEqual([]);
    else expect(reasons.join('; ')).toMatch(reason);
    for (const r of reasons) expect(r).not.toContain(value);
  });

  it('never flags an allowed key', () => {
    expect(secretReasons('PUBLIC_TOKEN', 'pk_123', { ...HEURISTICS, allowedKeys: ['PUBLIC_TOKEN'] })).toEqual(
      [],
    );
  });

  it('judges entropy against the configured threshold and length', () => {
    const value = 'q8Zr2LkP0vXw9Tn4Yb7Hc1Jd6Mf3Gs5A';
    expect(shannonEntropy(value)).toBeGreaterThan(4.5);
    expect(secretReasons('X', value, { ...HEURISTICS, entropyBitsPerChar: 5.5 })).toEqual([]);
    expect(secretReasons('X', value, { ...HEURISTICS, minEntropyLength: 40 })).toEqual([]);
    expect(shannonEntropy('aaaa')).toBe(0);
  });
});

describe('secretLookingVariables', () => {
  it('gives the key, the reasons and an 8-hex SHA-256 fingerprint, never the value', () => {
    const flagged = secretLookingVariables(
      [
        ['Z_PASSWORD', 'hunter2-hunter2'],
        ['A_KEY', 'AKIAIOSFODNN7EXAMPLE'],
        ['MODE', 'live'],
      ],
      HEURISTICS,
    );
    expect(flagged.map((v) => v.key)).toEqual(['A_KEY', 'Z_PASSWORD']);
    expect(flagged[1]?.fingerprint).toBe(fingerprint('hunter2-hunter2'));
    expect(fingerprint('hunter2-hunter2')).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(flagged)).not.toMatch(/hunter2|AKIAIOSFODNN7EXAMPLE/);
  });
});

describe('secretSourceOf', () => {
  it.each<[string, object]>([
    [
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC123:password::',
      { kind: 'secret', secretId: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC123' },
    ],
    ['arn:aws:ssm:eu-west-1:111122223333:parameter/prod/db', { kind: 'parameter', name: '/prod/db' }],
    ['arn:aws:ssm:eu-west-1:111122223333:parameter/flags', { kind: 'parameter', name: 'flags' }],
    ['/prod/db', { kind: 'parameter', name: '/prod/db' }],
    ['arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbC123', { kind: 'elsewhere' }],
    ['arn:aws:ssm:eu-west-1:999999999999:parameter/shared', { kind: 'elsewhere' }],
  ])('%s', (valueFrom, expected) => {
    expect(secretSourceOf(valueFrom, TD)).toMatchObject(expected);
  });
});
