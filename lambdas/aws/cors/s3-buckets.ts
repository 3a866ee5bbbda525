import { GetBucketCorsCommand, paginateListBuckets, type S3Client } from '@aws-sdk/client-s3';
import type { Bucket, BucketCorsRule } from '../../core/checks/cors/bucket-ports';
import { AwsCallError } from '../../core/errors';
import { partitionOfRegion } from '../../core/partition';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const LIST_BUCKETS = 's3:ListAllMyBuckets';
const GET_BUCKET_CORS = 's3:GetBucketCORS';

/** ListBuckets' largest page. */
export const BUCKETS_PER_PAGE = 10_000;

/**
 * Every bucket located in `region` (ListBuckets filtered by BucketRegion, the largest page, every
 * continuation followed): each region's audit judges its own buckets, so a bucket is judged once.
 */
export async function listBuckets(client: S3Client, region: string): Promise<Bucket[]> {
  const buckets = await collectPages(
    LIST_BUCKETS,
    paginateListBuckets({ client, pageSize: BUCKETS_PER_PAGE }, { BucketRegion: region }),
    (page) => page.Buckets,
  );
  return readEach(
    LIST_BUCKETS,
    buckets,
    (b) => ({ names: [b.Name] }),
    (b) => {
      const name = required(LIST_BUCKETS, 'Buckets[].Name', b.Name);
      return { name, arn: `arn:${partitionOfRegion(region)}:s3:::${name}` };
    },
  );
}

/** A bucket's CORS rules, or `undefined` when it has no CORS configuration (NoSuchCORSConfiguration). */
export async function bucketCors(client: S3Client, bucket: string): Promise<BucketCorsRule[] | undefined> {
  try {
    const answer = await callAws(GET_BUCKET_CORS, () =>
      client.send(new GetBucketCorsCommand({ Bucket: bucket })),
    );
    return (answer.CORSRules ?? []).map((rule) => ({
      ...(rule.ID === undefined ? {} : { id: rule.ID }),
      allowedOrigins: required(GET_BUCKET_CORS, 'CORSRules[].AllowedOrigins', rule.AllowedOrigins),
      allowedMethods: required(GET_BUCKET_CORS, 'CORSRules[].AllowedMethods', rule.AllowedMethods),
    }));
  } catch (error) {
    // No configuration is an answer, not a failure: browsers then refuse every cross-origin request.
    if (error instanceof AwsCallError && error.code === 'NoSuchCORSConfiguration') return undefined;
    throw error;
  }
}
