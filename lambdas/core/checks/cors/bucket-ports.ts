/** An S3 bucket of the audited region, as ListBuckets names it. */
export interface Bucket {
  readonly name: string;
  /** `arn:<partition>:s3:::<name>`. */
  readonly arn: string;
}

/** One rule of a bucket's CORS configuration (GetBucketCors). */
export interface BucketCorsRule {
  /** The rule's ID, when it has one. */
  readonly id?: string;
  /** Origins a browser may send from: `https://app.example.com`, `https://*.example.com` or `*`. */
  readonly allowedOrigins: readonly string[];
  /** `GET`, `PUT`, `POST`, `DELETE` or `HEAD`. */
  readonly allowedMethods: readonly string[];
}

/**
 * What the CORS check reads of S3. Throws {@link import('../../errors').AwsCallError} when the
 * call fails for good.
 */
export interface BucketCorsPorts {
  /** Every bucket located in the audited region (each region's audit judges its own buckets once). */
  listBuckets(): Promise<Bucket[]>;
  /** The bucket's CORS rules, or `undefined` when it has no CORS configuration. */
  bucketCors(bucket: string): Promise<BucketCorsRule[] | undefined>;
}
