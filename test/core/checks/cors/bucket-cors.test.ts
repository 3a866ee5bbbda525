import { describe, expect, it } from 'vitest';
import type { BucketCorsRule } from '../../../../lambdas/core/checks/cors/bucket-ports';
import { judgeBucketCors } from '../../../../lambdas/core/checks/cors/rules/cors-policies/bucket-cors';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const bucket = (name: string) => ({ name, arn: `arn:aws:s3:::${name}` });
const rule = (allowedOrigins: string[], allowedMethods: string[], id?: string): BucketCorsRule => ({
  allowedOrigins,
  allowedMethods,
  ...(id === undefined ? {} : { id }),
});

describe('bucket-cors', () => {
  it.each<[string, BucketCorsRule[] | undefined, string, RegExp]>([
    ['no CORS configuration', undefined, 'PASS', /allows no cross-origin requests \(no CORS configuration\)/],
    ['an empty configuration', [], 'PASS', /allows no cross-origin requests \(no CORS rule\)/],
    ['listed HTTPS origins, reads', [rule(['https://shop.example.com'], ['GET', 'HEAD'])], 'PASS', /shop/],
    [
      'a listed origin may write',
      [rule(['https://app.example.com'], ['PUT', 'POST'])],
      'PASS',
      /allows https:\/\/app.example.com \(PUT, POST\)/,
    ],
    [
      '* with reads only',
      [rule(['*'], ['GET', 'HEAD'])],
      'WARN',
      /any site \(\*\) can read.*public assets only/,
    ],
    ['* with PUT', [rule(['*'], ['GET', 'PUT'])], 'FAIL', /lets any site \(\*\) send PUT/],
    ['* with DELETE, lower case', [rule(['*'], ['delete'])], 'FAIL', /send DELETE/],
    [
      'https://* (any host) with POST',
      [rule(['https://*'], ['POST'])],
      'FAIL',
      /any site \(https:\/\/\*\) send POST/,
    ],
    [
      '* in one rule, writes in another for a listed origin',
      [rule(['*'], ['GET']), rule(['https://app.example.com'], ['PUT'])],
      'WARN',
      /any site \(\*\) can read/,
    ],
    [
      'a plain-HTTP origin',
      [rule(['http://shop.example.com'], ['GET'])],
      'WARN',
      /http:\/\/shop.example.com is plain HTTP/,
    ],
    [
      'a subdomain wildcard is a listed origin',
      [rule(['https://*.example.com'], ['GET', 'PUT'])],
      'PASS',
      /https:\/\/\*.example.com/,
    ],
  ])('%s: %s', (_case, rules, status, message) => {
    const finding = judgeBucketCors(bucket('assets'), succeeded(rules));
    expect(finding).toMatchObject({
      checkId: 'cors-policies',
      rule: 'bucket-cors',
      resource: 'arn:aws:s3:::assets',
      status,
    });
    expect(finding.message).toMatch(message);
    // The origins are always in the evidence: `null` when there is no configuration at all.
    expect(finding.evidence).toMatchObject({
      bucket: 'assets',
      allowOrigins: rules === undefined ? null : [...new Set(rules.flatMap((r) => r.allowedOrigins))],
    });
  });

  it('keeps every rule, with its id, in the evidence', () => {
    const finding = judgeBucketCors(bucket('assets'), succeeded([rule(['*'], ['GET'], 'public-read')]));
    expect(finding.evidence).toMatchObject({
      rules: [{ id: 'public-read', allowedOrigins: ['*'], allowedMethods: ['GET'] }],
    });
  });

  it('is ERROR naming the call, never PASS, when the configuration could not be read', () => {
    const denied = new AwsCallError('s3:GetBucketCORS', 'access-denied', 'AccessDenied', 'no');
    const finding = judgeBucketCors(bucket('assets'), { ok: false, error: denied });
    expect(finding).toMatchObject({ status: 'ERROR', rule: 'bucket-cors' });
    expect(finding.message).toContain('s3:GetBucketCORS');
  });
});

describe('the cors-policies check, for S3 buckets', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: {
      orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
      payments: { environments: ['prod'], resources: { stacks: ['payments-prod'] } },
      legacy: { environments: ['prod'], resources: { names: ['legacy-uploads'] } },
    },
  });
  const scope: ScopePorts = {
    resourcesWithTags: async (tags, types) =>
      tags.service === 'orders' && types.includes('s3') ? ['arn:aws:s3:::orders-assets'] : [],
    stackResources: async (stack) =>
      stack === 'payments-prod'
        ? [{ logicalId: 'Receipts', type: 'AWS::S3::Bucket', physicalId: 'payments-receipts' }]
        : undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  const RULES: Readonly<Record<string, BucketCorsRule[] | undefined>> = {
    'orders-assets': [rule(['https://shop.example.com'], ['GET'])],
    'payments-receipts': [rule(['*'], ['PUT'])],
    'legacy-uploads': undefined,
    'someone-elses': [rule(['*'], ['DELETE'])],
  };

  function account(fail?: 'list' | 'payments-receipts') {
    const asked: string[] = [];
    const ports = {
      tracing: { listFunctions: async () => [] },
      httpApis: { listHttpApis: async () => [] },
      cors: {
        functionUrlCors: async () => undefined,
        listBuckets: async () => {
          if (fail === 'list')
            throw new AwsCallError('s3:ListAllMyBuckets', 'access-denied', 'AccessDenied', 'no');
          return Object.keys(RULES).map(bucket);
        },
        bucketCors: async (name: string) => {
          asked.push(name);
          if (fail === name) throw new AwsCallError('s3:GetBucketCORS', 'throttled', 'SlowDown', 'slow');
          return RULES[name];
        },
      },
      scope,
    } as unknown as AccountPorts;
    return { ports, asked };
  }
  const summary = (findings: readonly { rule: string; resource: string; status: string }[]) =>
    findings.map((f) => `${f.rule} ${f.resource} ${f.status}`);

  it.each<[string, string[]]>([
    ['orders', ['bucket-cors arn:aws:s3:::orders-assets PASS']],
    ['payments', ['bucket-cors arn:aws:s3:::payments-receipts FAIL']],
    ['legacy', ['bucket-cors arn:aws:s3:::legacy-uploads PASS']],
  ])("judges %s's buckets only (by tag, stack or name), reading nobody else's", async (service, expected) => {
    const { ports, asked } = account();
    const target = resolveTarget(CONFIG, { service, environment: 'prod' });
    const result = await runCheck('cors-policies', ports, CONFIG, NOW, { target });
    expect(summary(result.findings)).toEqual(expected);
    expect(asked).toHaveLength(1);
    expect(result.scope?.resources.map((r) => r.arn)).toEqual([expected[0]?.split(' ')[1]]);
  });

  it('judges every bucket of the region for the whole account', async () => {
    const { ports } = account();
    const result = await runCheck('cors-policies', ports, CONFIG, NOW);
    expect(summary(result.findings)).toEqual([
      'bucket-cors arn:aws:s3:::orders-assets PASS',
      'bucket-cors arn:aws:s3:::payments-receipts FAIL',
      'bucket-cors arn:aws:s3:::legacy-uploads PASS',
      'bucket-cors arn:aws:s3:::someone-elses FAIL',
    ]);
  });

  it('reports a bucket listing that failed as one ERROR naming the call, never an empty pass', async () => {
    const { ports } = account('list');
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('cors-policies', ports, CONFIG, NOW, { target });
    expect(summary(result.findings)).toEqual(['bucket-cors s3:* ERROR']);
    expect(result.findings[0]?.message).toContain('s3:ListAllMyBuckets');
  });

  it('degrades one bucket alone when its configuration cannot be read', async () => {
    const { ports } = account('payments-receipts');
    const result = await runCheck('cors-policies', ports, CONFIG, NOW);
    expect(result.findings.map((f) => f.status)).toEqual(['PASS', 'ERROR', 'PASS', 'FAIL']);
  });
});
