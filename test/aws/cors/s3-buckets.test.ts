import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corsPortsFromClients } from '../../../lambdas/aws/cors';
import { BUCKETS_PER_PAGE, bucketCors, listBuckets } from '../../../lambdas/aws/cors/s3-buckets';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';
import { partitionOfRegion } from '../../../lambdas/core/partition';
import { LocalRestXmlEndpoint, type RestXmlReply, restXmlReply } from '../../support/local-rest-xml-endpoint';

const NOW = new Date('2026-03-10T12:00:00Z');
const S3_NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const bucketsPage = (names: string[], token?: string) =>
  restXmlReply.ok(
    `<ListAllMyBucketsResult ${S3_NS}><Owner><ID>o</ID></Owner><Buckets>${names
      .map(
        (n) =>
          `<Bucket><Name>${n}</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket>`,
      )
      .join(
        '',
      )}</Buckets>${token === undefined ? '' : `<ContinuationToken>${token}</ContinuationToken>`}</ListAllMyBucketsResult>`,
  );
const corsRules = (rules: string) =>
  restXmlReply.ok(`<CORSConfiguration ${S3_NS}>${rules}</CORSConfiguration>`);
const slowDown = () => restXmlReply.s3Error('SlowDown', 'Please reduce your request rate.', 503);

describe('S3 bucket CORS through the real SDK against a local endpoint', () => {
  let endpoint: LocalRestXmlEndpoint;
  let client: S3Client;

  beforeEach(async () => {
    // Path-style requests: `GET /` lists the buckets, `GET /<bucket>?cors` reads one's CORS.
    endpoint = await LocalRestXmlEndpoint.start(({ path, query }) =>
      path === '/' ? 'ListBuckets' : 'cors' in query ? 'GetBucketCors' : `GET ${path}`,
    );
    client = new S3Client({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it("lists the region's buckets at the largest page, following the continuation token", async () => {
    endpoint.script('ListBuckets', bucketsPage(['a', 'b'], 'next-1'), bucketsPage(['c']));
    expect(await listBuckets(client, 'eu-west-1')).toEqual([
      { name: 'a', arn: 'arn:aws:s3:::a' },
      { name: 'b', arn: 'arn:aws:s3:::b' },
      { name: 'c', arn: 'arn:aws:s3:::c' },
    ]);
    const calls = endpoint.callsTo('ListBuckets');
    expect(calls.map((c) => c.query)).toEqual([
      expect.objectContaining({ 'max-buckets': String(BUCKETS_PER_PAGE), 'bucket-region': 'eu-west-1' }),
      expect.objectContaining({
        'max-buckets': String(BUCKETS_PER_PAGE),
        'bucket-region': 'eu-west-1',
        'continuation-token': 'next-1',
      }),
    ]);
  });

  it('names bucket ARNs in the partition of the region', () => {
    expect(partitionOfRegion('eu-west-1')).toBe('aws');
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
  });

  it("reads a bucket's CORS rules, and no configuration as none", async () => {
    endpoint.script(
      'GetBucketCors',
      corsRules(
        '<CORSRule><ID>public-read</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod></CORSRule>' +
          '<CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule>',
      ),
      restXmlReply.s3Error('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404),
    );
    expect(await bucketCors(client, 'assets')).toEqual([
      { id: 'public-read', allowedOrigins: ['*'], allowedMethods: ['GET', 'HEAD'] },
      { allowedOrigins: ['https://app.example.com'], allowedMethods: ['PUT'] },
    ]);
    expect(await bucketCors(client, 'plain')).toBeUndefined();
    expect(endpoint.callsTo('GetBucketCors').map((c) => c.path)).toEqual(['/assets/', '/plain/']);
  });

  it.each<[string, string, RestXmlReply[], string]>([
    ['listing throttled past the retries', 'list', Array.from({ length: 4 }, slowDown), 'throttled'],
    ['listing denied', 'list', [restXmlReply.s3Error('AccessDenied', 'Access Denied', 403)], 'access-denied'],
    [
      'listing a bucket without a name',
      'list',
      [
        restXmlReply.ok(
          `<ListAllMyBucketsResult ${S3_NS}><Buckets><Bucket><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`,
        ),
      ],
      'malformed-response',
    ],
    ['CORS throttled past the retries', 'cors', Array.from({ length: 4 }, slowDown), 'throttled'],
    ['CORS denied', 'cors', [restXmlReply.s3Error('AccessDenied', 'Access Denied', 403)], 'access-denied'],
    [
      'a bucket gone (NoSuchBucket)',
      'cors',
      [restXmlReply.s3Error('NoSuchBucket', 'gone', 404)],
      'not-found',
    ],
    [
      'a rule without origins',
      'cors',
      [corsRules('<CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule>')],
      'malformed-response',
    ],
  ])('fails closed naming the call when %s', async (_case, read, replies, kind) => {
    endpoint.script(read === 'list' ? 'ListBuckets' : 'GetBucketCors', ...replies);
    const error = await (read === 'list'
      ? listBuckets(client, 'eu-west-1')
      : bucketCors(client, 'assets')
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({
      action: read === 'list' ? 's3:ListAllMyBuckets' : 's3:GetBucketCORS',
      kind,
    });
    if (kind === 'throttled') expect(endpoint.calls).toHaveLength(4);
  });

  it('turns a throttled CORS read into an ERROR finding for that bucket, through the check', async () => {
    endpoint.script('ListBuckets', bucketsPage(['assets', 'uploads']));
    // Every answer by path: the two reads run at once, in no fixed order.
    const byBucket = (call: { path: string }) =>
      call.path === '/assets/'
        ? corsRules('<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule>')
        : slowDown();
    endpoint.script('GetBucketCors', ...Array.from({ length: 5 }, () => byBucket));
    const lambda = new LambdaClient({ region: 'eu-west-1' });
    const account = {
      tracing: { listFunctions: async () => [] },
      httpApis: { listHttpApis: async () => [] },
      cors: corsPortsFromClients({ lambda, s3: client }),
    } as unknown as AccountPorts;
    const result = await runCheck('cors-policies', account, ConfigSchema.parse({}), NOW);
    expect(result.findings.map((f) => `${f.resource} ${f.status}`).sort()).toEqual([
      'arn:aws:s3:::assets FAIL',
      'arn:aws:s3:::uploads ERROR',
    ]);
    expect(result.findings.find((f) => f.status === 'ERROR')?.message).toContain('s3:GetBucketCORS');
    lambda.destroy();
  });
});
