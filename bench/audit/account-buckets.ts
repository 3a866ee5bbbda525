/** One synthetic S3 bucket: where it is, and its CORS rules (`null`: no CORS configuration). */
export interface SyntheticBucket {
  readonly name: string;
  readonly region: string;
  readonly cors:
    | readonly { readonly origins: readonly string[]; readonly methods: readonly string[] }[]
    | null;
}

/**
 * `count` buckets, two in three in `region` (the audited one) (the rest elsewhere: ListBuckets names every
 * region's), with CORS of every kind the check tells apart: none, listed origins, `*` reading,
 * `*` writing, a plain-HTTP origin.
 */
export function syntheticBuckets(random: () => number, count: number, region: string): SyntheticBucket[] {
  const kinds: SyntheticBucket['cors'][] = [
    null,
    null,
    [{ origins: ['https://app.example.com'], methods: ['GET', 'HEAD'] }],
    [{ origins: ['https://app.example.com'], methods: ['GET', 'PUT'] }],
    [{ origins: ['*'], methods: ['GET'] }],
    [{ origins: ['*'], methods: ['GET', 'PUT'] }],
    [{ origins: ['http://legacy.example.com'], methods: ['GET'] }],
  ];
  return Array.from({ length: count }, (_, i) => ({
    name: `bench-bucket-${i.toString().padStart(5, '0')}`,
    region: i % 3 === 2 ? 'us-west-2' : region,
    cors: kinds[Math.floor(random() * kinds.length)] ?? null,
  }));
}
