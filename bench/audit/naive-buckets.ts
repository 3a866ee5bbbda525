import { GetBucketLocationCommand, paginateListBuckets, type S3Client } from '@aws-sdk/client-s3';
import { callAws, collectPages } from '../../lambdas/aws/call';
import type { Bucket } from '../../lambdas/core/checks/cors/bucket-ports';
import { mapWithConcurrency } from '../../lambdas/core/concurrency';
import { partitionOfRegion } from '../../lambdas/core/partition';

/*
 * The naive way to find a region's buckets: list every bucket of the account (no region filter, the
 * default page), then ask each one's location, 5 in flight, and keep the region's.
 */

const FAN_OUT = 5;

export function naiveBuckets(client: S3Client): () => Promise<Bucket[]> {
  return async () => {
    const region = await client.config.region();
    const all = await collectPages(
      's3:ListAllMyBuckets',
      paginateListBuckets({ client }, {}),
      (p) => p.Buckets,
    );
    const located = await mapWithConcurrency(all, FAN_OUT, async (bucket) => {
      const answer = await callAws('s3:GetBucketLocation', () =>
        client.send(new GetBucketLocationCommand({ Bucket: bucket.Name })),
      );
      // us-east-1 answers no constraint.
      return { name: bucket.Name ?? '', region: answer.LocationConstraint ?? 'us-east-1' };
    });
    return located
      .filter((b) => b.region === region)
      .map((b) => ({ name: b.name, arn: `arn:${partitionOfRegion(region)}:s3:::${b.name}` }));
  };
}
