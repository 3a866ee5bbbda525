import type { SyntheticBucket } from './account-buckets';
import { type Operation, page, ServiceError } from './operations';

/*
 * S3's bucket listing and bucket CORS over the synthetic buckets, answered as S3's REST-XML
 * documents (`__xml`, written as is by the endpoint).
 */

const S3_NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/** The operations, keyed `s3:<Operation>`. */
export function bucketOperations(buckets: readonly SyntheticBucket[]): Record<string, Operation> {
  const byName = new Map(buckets.map((b) => [b.name, b]));
  return {
    // MaxBuckets pages (without it, every bucket at once); BucketRegion filters by location.
    's3:ListBuckets': (p) => {
      const region = p['bucket-region'];
      const listed = buckets.filter((b) => region === undefined || b.region === region);
      const { items, next } =
        p['max-buckets'] === undefined
          ? { items: listed, next: undefined }
          : page('s3:ListBuckets', listed, p['continuation-token'], p['max-buckets']);
      const entries = items
        .map(
          (b) =>
            `<Bucket><Name>${b.name}</Name><CreationDate>2025-01-01T00:00:00.000Z</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`,
        )
        .join('');
      return {
        __xml: `<ListAllMyBucketsResult ${S3_NS}><Owner><ID>bench</ID></Owner><Buckets>${entries}</Buckets>${next === undefined ? '' : `<ContinuationToken>${next}</ContinuationToken>`}</ListAllMyBucketsResult>`,
      };
    },
    's3:GetBucketLocation': (p) => {
      const bucket = byName.get(String(p.Bucket));
      if (bucket === undefined)
        return new ServiceError('NoSuchBucket', 'The specified bucket does not exist', 404);
      return { __xml: `<LocationConstraint ${S3_NS}>${bucket.region}</LocationConstraint>` };
    },
    's3:GetBucketCors': (p) => {
      const bucket = byName.get(String(p.Bucket));
      if (bucket === undefined)
        return new ServiceError('NoSuchBucket', 'The specified bucket does not exist', 404);
      if (bucket.cors === null)
        return new ServiceError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404);
      const rules = bucket.cors
        .map(
          (r) =>
            `<CORSRule>${r.origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('')}${r.methods.map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('')}</CORSRule>`,
        )
        .join('');
      return { __xml: `<CORSConfiguration ${S3_NS}>${rules}</CORSConfiguration>` };
    },
  };
}
