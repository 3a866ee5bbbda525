import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsWafPorts, wafPortsFromClients } from '../../../lambdas/aws/waf';
import {
  cloudFrontWebAcl,
  DISTRIBUTIONS_PER_PAGE,
  listDistributions,
} from '../../../lambdas/aws/waf/cloudfront';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';
import { type AwsJsonReply, awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';
import { LocalRestXmlEndpoint, type RestXmlReply, restXmlReply } from '../../support/local-rest-xml-endpoint';

const NOW = new Date('2026-03-10T12:00:00Z');
const ACCOUNT = '111122223333';
const ACL_ARN = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/0a1b2c3d`;
const retry = new ConfiguredRetryStrategy(4, () => 5);
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const summary = (id: string, extra: string) =>
  `<DistributionSummary><Id>${id}</Id><ARN>arn:aws:cloudfront::${ACCOUNT}:distribution/${id}</ARN><Status>Deployed</Status><LastModifiedTime>2026-01-01T00:00:00.000Z</LastModifiedTime><DomainName>d-${id.toLowerCase()}.cloudfront.net</DomainName>${extra}</DistributionSummary>`;
const page = (items: string[], next?: string) =>
  restXmlReply.ok(
    `<DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Marker></Marker>${next === undefined ? '' : `<NextMarker>${next}</NextMarker>`}<MaxItems>${DISTRIBUTIONS_PER_PAGE}</MaxItems><IsTruncated>${next !== undefined}</IsTruncated><Quantity>${items.length}</Quantity><Items>${items.join('')}</Items></DistributionList>`,
  );
const throttled = () => restXmlReply.errorResponse('Throttling', 'Rate exceeded', 400);

describe('CloudFront distributions through the real SDK against a local endpoint', () => {
  let endpoint: LocalRestXmlEndpoint;
  let client: CloudFrontClient;

  beforeEach(async () => {
    endpoint = await LocalRestXmlEndpoint.start(({ method, path }) => `${method} ${path}`);
    client = new CloudFrontClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials,
      retryStrategy: retry,
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  const LIST = 'GET /2020-05-31/distribution';

  it('lists every distribution at the largest page, following NextMarker, with its aliases, web ACL and origins', async () => {
    endpoint.script(
      LIST,
      page(
        [
          summary(
            'EONE',
            `<Aliases><Quantity>1</Quantity><Items><CNAME>shop.example.com</CNAME></Items></Aliases><Enabled>true</Enabled><WebACLId>${ACL_ARN}</WebACLId><Origins><Quantity>1</Quantity><Items><Origin><Id>orders-alb</Id><DomainName>orders-1234567890.us-east-1.elb.amazonaws.com</DomainName><OriginPath></OriginPath><CustomHeaders><Quantity>0</Quantity></CustomHeaders><CustomOriginConfig><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><OriginProtocolPolicy>https-only</OriginProtocolPolicy></CustomOriginConfig></Origin></Items></Origins>`,
          ),
        ],
        'EONE',
      ),
      page([
        summary(
          'ETWO',
          '<Aliases><Quantity>0</Quantity></Aliases><Enabled>false</Enabled><WebACLId></WebACLId>',
        ),
      ]),
    );
    expect(await listDistributions(client)).toEqual([
      {
        id: 'EONE',
        arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/EONE`,
        domainName: 'd-eone.cloudfront.net',
        aliases: ['shop.example.com'],
        enabled: true,
        webAclId: ACL_ARN,
        originDomains: ['orders-1234567890.us-east-1.elb.amazonaws.com'],
        originHeaders: { 'orders-1234567890.us-east-1.elb.amazonaws.com': [] },
      },
      {
        id: 'ETWO',
        arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/ETWO`,
        domainName: 'd-etwo.cloudfront.net',
        aliases: [],
        enabled: false,
        originDomains: [],
        originHeaders: {},
      },
    ]);
    expect(endpoint.callsTo(LIST).map((c) => c.query)).toEqual([
      { MaxItems: String(DISTRIBUTIONS_PER_PAGE) },
      { MaxItems: String(DISTRIBUTIONS_PER_PAGE), Marker: 'EONE' },
    ]);
  });

  it('reaches CloudFront in us-east-1 whatever region is audited', async () => {
    endpoint.script(LIST, page([]));
    const ports = createAwsWafPorts({
      region: 'eu-west-1',
      endpoint: endpoint.url,
      credentials: async () => credentials,
    });
    expect(await ports.listDistributions()).toEqual([]);
    expect(await ports.auditedRegion()).toBe('eu-west-1');
    expect(endpoint.callsTo(LIST).map((c) => c.signedRegion)).toEqual(['us-east-1']);
  });

  it.each<[string, RestXmlReply[], string]>([
    ['throttled past the retries', Array.from({ length: 4 }, throttled), 'throttled'],
    ['denied', [restXmlReply.errorResponse('AccessDenied', 'User is not authorized', 403)], 'access-denied'],
    [
      'answered without an ARN',
      [
        page([
          '<DistributionSummary><Id>EX</Id><DomainName>d</DomainName><Enabled>true</Enabled></DistributionSummary>',
        ]),
      ],
      'malformed-response',
    ],
  ])('fails closed naming cloudfront:ListDistributions when %s', async (_case, replies, kind) => {
    endpoint.script(LIST, ...replies);
    const error = await listDistributions(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'cloudfront:ListDistributions', kind });
    if (kind === 'throttled') expect(endpoint.callsTo(LIST)).toHaveLength(4);
  });
});

describe('CLOUDFRONT-scope web ACLs through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: WAFV2Client;
  const visibility = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'm' };
  const webAcl = {
    WebACL: {
      Name: 'edge',
      Id: '0a1b2c3d',
      ARN: ACL_ARN,
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility,
      Rules: [
        {
          Name: 'per-ip',
          Priority: 0,
          Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP' } },
          Action: { Block: {} },
          VisibilityConfig: visibility,
        },
      ],
    },
    LockToken: 't',
  };

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'AWSWAF_20190729' });
    client = new WAFV2Client({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials,
      retryStrategy: retry,
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('asks for the ACL by scope, name and id from its ARN, and reads its rate-based rules', async () => {
    endpoint.script('GetWebACL', awsJsonReply.ok(webAcl));
    expect(await cloudFrontWebAcl(client, ACL_ARN)).toEqual({
      name: 'edge',
      arn: ACL_ARN,
      rules: [
        { name: 'per-ip', rateLimit: { limit: 500, windowSeconds: 300, scopedDown: false }, action: 'Block' },
      ],
      firewallManagerGroups: 0,
    });
    expect(endpoint.callsTo('GetWebACL')[0]?.body).toEqual({
      Scope: 'CLOUDFRONT',
      Name: 'edge',
      Id: '0a1b2c3d',
    });
  });

  it.each<[string, string, AwsJsonReply[], string]>([
    [
      'throttled past the retries',
      ACL_ARN,
      Array.from({ length: 4 }, () => awsJsonReply.error('WAFThrottlingException', 'slow')),
      'throttled',
    ],
    ['denied', ACL_ARN, [awsJsonReply.error('AccessDeniedException', 'no', 403)], 'access-denied'],
    ['answered without the ACL', ACL_ARN, [awsJsonReply.ok({ LockToken: 't' })], 'malformed-response'],
    [
      'a regional ACL ARN',
      ACL_ARN.replace('us-east-1', 'eu-west-1').replace('global', 'regional'),
      [],
      'malformed-response',
    ],
  ])('fails closed naming wafv2:GetWebACL when %s', async (_case, arn, replies, kind) => {
    endpoint.script('GetWebACL', ...replies);
    const error = await cloudFrontWebAcl(client, arn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'wafv2:GetWebACL', kind });
  });

  it('turns a throttled web ACL into an ERROR finding for its distribution, through the check', async () => {
    const cloudFront = await LocalRestXmlEndpoint.start(({ method, path }) => `${method} ${path}`);
    cloudFront.script(
      'GET /2020-05-31/distribution',
      page([
        summary('EONE', `<Enabled>true</Enabled><WebACLId>${ACL_ARN}</WebACLId>`),
        summary('ETWO', '<Enabled>true</Enabled><WebACLId></WebACLId>'),
      ]),
    );
    endpoint.script(
      'GetWebACL',
      ...Array.from({ length: 4 }, () => awsJsonReply.error('WAFThrottlingException', 'slow')),
    );
    const cloudFrontClient = new CloudFrontClient({
      endpoint: cloudFront.url,
      region: 'us-east-1',
      credentials,
      retryStrategy: retry,
    });
    const account = {
      loadBalancing: { listLoadBalancers: async () => [] },
      restApis: { listRestApis: async () => [] },
      httpApis: { listHttpApis: async () => [] },
      waf: wafPortsFromClients({ wafv2: client, globalWafv2: client, cloudFront: cloudFrontClient }),
    } as unknown as AccountPorts;
    const result = await runCheck('rate-limiting', account, ConfigSchema.parse({}), NOW, {
      region: 'us-east-1',
    });
    expect(result.findings.map((f) => `${f.status} ${f.resource.split('/').at(-1)}`)).toEqual([
      'ERROR EONE',
      'FAIL ETWO',
    ]);
    expect(result.findings[0]?.message).toContain('wafv2:GetWebACL');
    cloudFrontClient.destroy();
    await cloudFront.close();
  });
});
