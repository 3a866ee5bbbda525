import type { SecretMetadata } from '../../../../lambdas/core/checks/secrets/ports';

/** The fixed instant every table in these tests is judged at. */
export const NOW = new Date('2026-03-01T12:00:00Z');

/** `days` before {@link NOW}; negative for the future. */
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/** A healthy secret: rotation on every 30 days, rotated 10 days ago, next rotation in 20. */
export function secret(overrides: Partial<SecretMetadata> = {}): SecretMetadata {
  return {
    arn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders/db-Xk3p9Q',
    name: 'prod/orders/db',
    kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/5f0c2a8e',
    rotationEnabled: true,
    rotationRules: { automaticallyAfterDays: 30 },
    lastRotatedDate: daysAgo(10),
    lastChangedDate: daysAgo(10),
    nextRotationDate: daysAgo(-20),
    createdDate: daysAgo(400),
    tags: {},
    versionStages: { v2: ['AWSCURRENT'], v1: ['AWSPREVIOUS'] },
    ...overrides,
  };
}
