import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import type { Bucket, BucketCorsRule } from '../../bucket-ports';
import { corsFinding } from '../../finding';
import { anySiteOrigins, matchesAnySite, plainHttpOrigins } from '../../origin';

/** Methods that change a bucket's objects. */
const WRITES = new Set(['PUT', 'POST', 'DELETE']);

/**
 * `bucket-cors`: an S3 bucket's CORS rules. S3 CORS has no credentials flag: a browser sends cookies
 * to S3 never, but a pre-signed URL or a public policy authorises whoever holds it, so what CORS
 * opens is which sites may drive a visitor's browser against the bucket and read the answers.
 * Any site (`*`, `https://*`) with a write method (PUT, POST, DELETE): FAIL (any site may upload or
 * delete through a visitor's browser where a pre-signed URL or policy allows it). Any site with
 * reads only (GET, HEAD): WARN (right for public assets only). A plain-HTTP origin: WARN (a network
 * attacker can act as it). Listed HTTPS origins, or no CORS configuration (browsers refuse
 * cross-origin reads): PASS. The origins and methods are in the evidence. The configuration that
 * could not be read: ERROR.
 */
export function judgeBucketCors(bucket: Bucket, cors: Outcome<BucketCorsRule[] | undefined>): Finding {
  if (!cors.ok)
    return errorFinding(corsFinding, 'bucket-cors', bucket.arn, cors.error, { bucket: bucket.name });
  const rules = cors.value ?? [];
  const origins = [...new Set(rules.flatMap((r) => r.allowedOrigins))];
  const evidence = {
    bucket: bucket.name,
    allowOrigins: cors.value === undefined ? null : origins,
    rules: rules.map((r) => ({
      ...(r.id === undefined ? {} : { id: r.id }),
      allowedOrigins: r.allowedOrigins,
      allowedMethods: r.allowedMethods,
    })),
  };
  const anySite = rules.filter((r) => r.allowedOrigins.some(matchesAnySite));
  const anySiteWrites = [
    ...new Set(
      anySite.flatMap((r) => r.allowedMethods.map((m) => m.toUpperCase()).filter((m) => WRITES.has(m))),
    ),
  ];
  if (anySiteWrites.length > 0) {
    return corsFinding('bucket-cors', bucket.arn, {
      status: 'FAIL',
      message: `Bucket ${bucket.name} lets any site (${anySiteOrigins(anySite.flatMap((r) => r.allowedOrigins)).join(', ')}) send ${anySiteWrites.join(', ')}: any site can upload or delete through a visitor's browser wherever a pre-signed URL or the bucket policy allows it.`,
      evidence,
      remediation: `List the origins that may write (aws s3api put-bucket-cors --bucket ${bucket.name} with AllowedOrigins ["https://app.example.com"]), keeping * for GET and HEAD only if the objects are public.`,
    });
  }
  const plain = plainHttpOrigins(origins);
  if (anySite.length > 0 || plain.length > 0) {
    const reasons = [
      ...(anySite.length > 0
        ? [
            `any site (${anySiteOrigins(origins).join(', ')}) can read its objects from a visitor's browser: right for public assets only`,
          ]
        : []),
      ...(plain.length > 0
        ? [
            `${plain.join(', ')} ${plain.length === 1 ? 'is' : 'are'} plain HTTP: anyone on the network path can act as ${plain.length === 1 ? 'it' : 'them'}`,
          ]
        : []),
    ];
    return corsFinding('bucket-cors', bucket.arn, {
      status: 'WARN',
      message: `Bucket ${bucket.name}: ${reasons.join('; ')}.`,
      evidence,
      remediation:
        'List the HTTPS origins that may call the bucket (drop http:// and development origins), unless its objects are public by design.',
    });
  }
  return corsFinding('bucket-cors', bucket.arn, {
    status: 'PASS',
    message:
      origins.length === 0
        ? `Bucket ${bucket.name} allows no cross-origin requests (${cors.value === undefined ? 'no CORS configuration' : 'no CORS rule'}).`
        : `Bucket ${bucket.name} allows ${origins.join(', ')} (${[...new Set(rules.flatMap((r) => r.allowedMethods))].join(', ')}).`,
    evidence,
  });
}
