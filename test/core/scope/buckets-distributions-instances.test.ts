import { describe, expect, it } from 'vitest';
import { resourceTypeOfArn } from '../../../lambdas/core/scope/arn';
import { serviceScope, WHOLE_ACCOUNT } from '../../../lambdas/core/scope/check-scope';
import type { ScopePorts } from '../../../lambdas/core/scope/ports';
import { resolveScope } from '../../../lambdas/core/scope/resolve';
import { STACK_RESOURCE_ARNS } from '../../../lambdas/core/scope/stack-resources';

const AT = { partition: 'aws', accountId: '111122223333', region: 'eu-west-1' };
const BUCKET = 'arn:aws:s3:::orders-assets';
const DISTRIBUTION = 'arn:aws:cloudfront::111122223333:distribution/E1A2B3C4D5E6F7';
const INSTANCE = 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc';

describe('S3 buckets and CloudFront distributions in a service scope', () => {
  it.each([
    ['AWS::S3::Bucket', 'orders-assets', 's3', BUCKET],
    ['AWS::CloudFront::Distribution', 'E1A2B3C4D5E6F7', 'cloudfront:distribution', DISTRIBUTION],
  ])('a stack’s %s %s is a %s: %s', (type, physicalId, kind, expected) => {
    expect(STACK_RESOURCE_ARNS[type]?.type).toBe(kind);
    expect(STACK_RESOURCE_ARNS[type]?.arn(physicalId, AT)).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    [BUCKET, 's3'],
    ['arn:aws:s3:::orders-assets/receipts/1.pdf', undefined],
    ['arn:aws:s3:eu-west-1:111122223333:accesspoint/shop', undefined],
    [DISTRIBUTION, 'cloudfront:distribution'],
    ['arn:aws:cloudfront::111122223333:origin-access-identity/E2QWRUHAPOMQZL', undefined],
  ])('names %s by its kind: %s', (arn, kind) => {
    expect(resourceTypeOfArn(arn)).toBe(kind);
  });

  it('resolves listed ARNs and stack resources of the new kinds, and tells a check which it knows', async () => {
    const ports: ScopePorts = {
      resourcesWithTags: async (_tags, types) => (types.includes('ec2:instance') ? [INSTANCE] : []),
      stackResources: async () => [
        { logicalId: 'Assets', type: 'AWS::S3::Bucket', physicalId: 'orders-assets' },
        { logicalId: 'Cdn', type: 'AWS::CloudFront::Distribution', physicalId: 'E1A2B3C4D5E6F7' },
      ],
      location: async () => AT,
    };
    const selector = { tags: { service: 'orders' }, stacks: ['orders-prod'], arns: [], names: [] };
    const types = ['s3', 'cloudfront:distribution', 'ec2:instance'] as const;
    const scope = serviceScope('orders', selector, await resolveScope(selector, ports, types));
    expect(scope.known('s3')).toEqual([BUCKET]);
    expect(scope.known('cloudfront:distribution')).toEqual([DISTRIBUTION]);
    expect(scope.known('ec2:instance')).toEqual([INSTANCE]);
    expect(scope.known('rds:db')).toEqual([]);
    // Knowing is not judging: nothing is remembered as evidence until a check selects it.
    expect(scope.evidence().resources).toEqual([]);
  });

  it('knows no list for the whole account: its resources are not enumerated by a scope', () => {
    expect(WHOLE_ACCOUNT.known('ec2:instance')).toBeUndefined();
  });
});
