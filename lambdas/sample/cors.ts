import type { BucketCorsRule } from '../core/checks/cors/bucket-ports';
import type { CorsPorts, FunctionUrlCors } from '../core/checks/cors/ports';

/**
 * The function URLs of one sample region, by function name (a function not listed has none), and
 * its S3 buckets, by name, with their CORS rules (`null`: no CORS configuration).
 */
export function sampleCorsPorts(
  urls: Readonly<Record<string, FunctionUrlCors>>,
  buckets: Readonly<Record<string, readonly BucketCorsRule[] | null>> = {},
): CorsPorts {
  return {
    functionUrlCors: async (name) => urls[name],
    listBuckets: async () => Object.keys(buckets).map((name) => ({ name, arn: `arn:aws:s3:::${name}` })),
    bucketCors: async (name) => {
      const rules = buckets[name];
      return rules === null || rules === undefined ? undefined : [...rules];
    },
  };
}
