import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { GetFunctionUrlConfigCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GetBucketCorsCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditTaggedService, taggedServiceConfigFile } from '../support/tagged-service-audit';

/*
 * `preflight audit --checks cors-policies`: a function URL, an HTTP API and an S3 bucket that allow
 * the same origins are judged alike. A plain-HTTP origin is a WARN on each (anyone on the network
 * path can act as that origin); listed HTTPS origins pass on each.
 */

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-api`;
const HTTP_API = `arn:aws:apigateway:${REGION}::/apis/h1`;
const BUCKET = 'arn:aws:s3:::orders-assets';

const account = stubHealthyAccount(new Date());
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
afterAll(() => {
  account.restore();
  tagging.restore();
});
const s3 = mockClient(S3Client);
afterAll(() => s3.restore());

/** Every resource allows `origins` (GET only; with credentials on the function URL and HTTP API when asked). */
function allowing(origins: string[], credentials = false) {
  account.mocks.lambda.on(GetFunctionUrlConfigCommand).resolves({
    FunctionUrl: 'https://abc.lambda-url.us-east-1.on.aws/',
    AuthType: 'NONE',
    Cors: { AllowOrigins: origins, AllowCredentials: credentials, AllowMethods: ['GET'] },
  });
  account.mocks.httpApis.on(GetApisCommand).resolves({
    Items: [
      {
        ApiId: 'h1',
        Name: 'orders-http',
        ProtocolType: 'HTTP',
        RouteSelectionExpression: '$request.method $request.path',
        CorsConfiguration: { AllowOrigins: origins, AllowCredentials: credentials, AllowMethods: ['GET'] },
      },
    ],
  });
  s3.on(GetBucketCorsCommand).resolves({ CORSRules: [{ AllowedOrigins: origins, AllowedMethods: ['GET'] }] });
}

beforeEach(() => {
  account.install();
  tagging.reset();
  s3.reset();
  account.pipelineCaller(ACCOUNT);
  tagging.on(GetResourcesCommand).resolves({
    ResourceTagMappingList: [FUNCTION, HTTP_API, BUCKET].map((ResourceARN) => ({ ResourceARN })),
    PaginationToken: '',
  });
  account.mocks.lambda
    .on(ListFunctionsCommand)
    .resolves({ Functions: [{ FunctionName: 'orders-api', FunctionArn: FUNCTION }] });
  s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'orders-assets', BucketRegion: REGION }] });
});

const judged = async () => {
  const { report } = await auditTaggedService(taggedServiceConfigFile(ACCOUNT, REGION), 'cors-policies');
  return Object.fromEntries(report.findings.map((f) => [f.rule, { status: f.status, message: f.message }]));
};

describe('preflight audit: the three CORS rules judge an origin alike', () => {
  it('warns on a plain-HTTP origin on a function URL, an HTTP API and a bucket', async () => {
    allowing(['https://app.example.com', 'http://legacy.example.com']);
    const findings = await judged();

    for (const rule of ['function-url-cors', 'http-api-cors', 'bucket-cors']) {
      expect(findings[rule], rule).toMatchObject({
        status: 'WARN',
        message: expect.stringMatching(
          /plain http.*http:\/\/legacy\.example\.com|http:\/\/legacy\.example\.com.*plain http/i,
        ),
      });
    }
  });

  it.each([
    '*',
    'https://*',
    'http://*',
    'HTTPS://*',
    ' https://* ',
    'https://*:443',
    'https://*/',
    '*://*',
    'https://*.com',
    // Public suffixes of more than one label (the Public Suffix List): anyone can register under them.
    'https://*.co.uk',
    'https://*.CO.UK.',
    'https://*.com.au',
    'https://*.github.io',
    'https://*.cloudfront.net',
    'https://*.s3.amazonaws.com',
    'https://*.lambda-url.us-east-1.on.aws',
    // Above public suffixes: *.amazonaws.com covers every bucket.s3.amazonaws.com.
    'https://*.amazonaws.com',
    // A wildcard inside a label under a public suffix: anyone can register app-evil.github.io or evilexample.com.
    'https://app-*.github.io',
    'https://*example.com',
  ])('judges %j as any site on a function URL, an HTTP API and a bucket', async (origin) => {
    allowing(['https://app.example.com', origin]);
    const findings = await judged();

    for (const rule of ['function-url-cors', 'http-api-cors', 'bucket-cors']) {
      expect(findings[rule], rule).toMatchObject({
        status: 'WARN',
        message: expect.stringContaining(`any site (${origin.trim()})`),
      });
    }
  });

  it('fails any site with credentials on a function URL and an HTTP API alike', async () => {
    allowing(['https://*'], true);
    const findings = await judged();

    for (const rule of ['function-url-cors', 'http-api-cors']) {
      expect(findings[rule], rule).toMatchObject({
        status: 'FAIL',
        message: expect.stringContaining('any site (https://*) with credentials'),
      });
    }
  });

  it('fails a wildcard under a public suffix with credentials, like any site', async () => {
    allowing(['https://*.co.uk'], true);
    const findings = await judged();

    for (const rule of ['function-url-cors', 'http-api-cors']) {
      expect(findings[rule], rule).toMatchObject({
        status: 'FAIL',
        message: expect.stringContaining('any site (https://*.co.uk) with credentials'),
      });
    }
  });

  it.each([
    { origins: ['https://app.example.com'] },
    // Wildcards under registered names: their owners' sites only.
    { origins: ['https://*.example.co.uk', 'https://*.shop.github.io', 'https://*-app.example.com.au'] },
  ])('passes listed HTTPS origins on all three: $origins', async ({ origins }) => {
    allowing(origins);
    const findings = await judged();

    expect(Object.entries(findings).map(([rule, f]) => [rule, f.status])).toEqual(
      expect.arrayContaining([
        ['function-url-cors', 'PASS'],
        ['http-api-cors', 'PASS'],
        ['bucket-cors', 'PASS'],
      ]),
    );
  });
});
