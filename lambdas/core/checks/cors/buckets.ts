import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import type { CheckScope } from '../../scope/check-scope';
import { errorFinding } from '../kit/finding';
import { settle } from '../kit/outcome';
import type { BucketCorsPorts } from './bucket-ports';
import { corsFinding } from './finding';
import { judgeBucketCors } from './rules/cors-policies/bucket-cors';

/** GetBucketCors calls at once (one per bucket; S3's bucket-configuration reads are not rate-limited tightly). */
export const BUCKET_CORS_CONCURRENCY = 8;

/**
 * The `bucket-cors` findings of the buckets in scope: the region's buckets listed once, kept to the
 * scope, then each one's CORS rules read. A listing that failed is one ERROR naming the call (the
 * function URLs are still judged).
 */
export async function bucketCorsFindings(ports: BucketCorsPorts, scope: CheckScope): Promise<Finding[]> {
  const listed = await settle(() => ports.listBuckets());
  if (!listed.ok) return [errorFinding(corsFinding, 'bucket-cors', 's3:*', listed.error)];
  const buckets = scope.select(listed.value, (b) => ({ arn: b.arn, names: [b.name] }));
  return mapWithConcurrency(buckets, BUCKET_CORS_CONCURRENCY, async (bucket) =>
    judgeBucketCors(bucket, await settle(() => ports.bucketCors(bucket.name))),
  );
}
