import { describe, expect, it } from 'vitest';
import { imageChecks } from '../../../../lambdas/core/checks/images/definitions';
import type { ImagesPorts } from '../../../../lambdas/core/checks/images/ports';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import type { CheckId } from '../../../../lambdas/core/config/schema';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import { ReleaseSchema } from '../../../../lambdas/core/release';
import type { CheckTarget } from '../../../../lambdas/core/services/target';
import {
  ORDERS_API_DIGEST,
  PAYMENTS_DIGEST,
  PROD_EU_WEST_1_REGISTRY,
  type SampleRegistry,
  sampleImagesPorts,
} from '../../../../lambdas/sample/images';

const NOW = new Date('2026-11-30T10:00:00Z');
const ACCOUNT = '111122223333';
const ORDERS = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders-api@${ORDERS_API_DIGEST}`;
const PAYMENTS = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/payments@${PAYMENTS_DIGEST}`;

function accountWith(images: ImagesPorts): AccountPorts {
  return { images } as unknown as AccountPorts;
}

function target(images: string[] | undefined, checks: object = {}): CheckTarget {
  const config = validateConfig({ checks });
  return {
    service: 'orders-api',
    implicit: false,
    environment: { name: 'prod', account: ACCOUNT, regions: ['eu-west-1', 'us-east-1'], configured: true },
    resources: { tags: { service: 'orders-api' }, stacks: [], arns: [], names: [] },
    checks: config.checks,
    ...(images === undefined ? {} : { release: ReleaseSchema.parse({ images }) }),
  };
}

async function run(
  checkId: CheckId,
  images: string[] | undefined,
  ports: ImagesPorts = sampleImagesPorts(PROD_EU_WEST_1_REGISTRY, NOW),
  options: { region?: string; checks?: object } = {},
) {
  const t = target(images, options.checks);
  const result = await runCheck(checkId, accountWith(ports), { checks: t.checks }, NOW, {
    target: t,
    region: options.region ?? 'eu-west-1',
  });
  return result.findings.map((f) => [f.rule, f.resource, f.status]);
}

const denied = (action: string) => () =>
  Promise.reject(new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'not authorized'));

describe('image-scans through runCheck', () => {
  it('declares exactly the calls its adapter makes', () => {
    expect(imageChecks['image-scans'].permissions).toEqual([
      'ecr:GetRegistryScanningConfiguration',
      'inspector2:BatchGetAccountStatus',
      'inspector2:ListCoverage',
      'inspector2:ListFindings',
      'ecr:DescribeImageScanFindings',
      'ecr:BatchGetImage',
    ]);
  });

  it('passes a clean image and fails one with a critical CVE, judging each image of the release', async () => {
    expect(await run('image-scans', [ORDERS, PAYMENTS])).toEqual([
      ['scan', ORDERS, 'PASS'],
      ['vulnerabilities', ORDERS, 'PASS'],
      ['scan', PAYMENTS, 'PASS'],
      ['vulnerabilities', PAYMENTS, 'FAIL'],
    ]);
  });

  it('judges in each region only the images of that region', async () => {
    expect(await run('image-scans', [ORDERS], undefined, { region: 'us-east-1' })).toEqual([
      ['release', '*', 'SKIPPED'],
    ]);
  });

  it('warns without a release, and fails with requireImages, reading nothing', async () => {
    const nothing = new Proxy({}, { get: () => denied('none') }) as ImagesPorts;
    expect(await run('image-scans', undefined, nothing)).toEqual([['release', '*', 'WARN']]);
    expect(
      await run('image-scans', undefined, nothing, { checks: { 'image-scans': { requireImages: true } } }),
    ).toEqual([['release', '*', 'FAIL']]);
  });

  it('refuses to judge an image of another account than the registry it reads', async () => {
    const elsewhere = { ...PROD_EU_WEST_1_REGISTRY, accountId: '999988887777' };
    expect(await run('image-scans', [ORDERS], sampleImagesPorts(elsewhere, NOW))).toEqual([
      ['release', ORDERS, 'FAIL'],
    ]);
  });

  it('falls back to ECR basic scanning when the registry does not use Inspector', async () => {
    const basic: SampleRegistry = { ...PROD_EU_WEST_1_REGISTRY, scanning: { scanType: 'BASIC', rules: [] } };
    const ports = { ...sampleImagesPorts(basic, NOW), imageFindings: denied('inspector2:ListFindings') };
    expect(await run('image-scans', [PAYMENTS], ports)).toEqual([
      ['scan', PAYMENTS, 'PASS'],
      ['vulnerabilities', PAYMENTS, 'FAIL'],
    ]);
  });

  it('errors only the rule whose source failed: findings denied, the scan still judged', async () => {
    const ports = {
      ...sampleImagesPorts(PROD_EU_WEST_1_REGISTRY, NOW),
      imageFindings: denied('inspector2:ListFindings'),
    };
    expect(await run('image-scans', [ORDERS], ports)).toEqual([
      ['scan', ORDERS, 'PASS'],
      ['vulnerabilities', ORDERS, 'ERROR'],
    ]);
  });

  it('never reads findings of an image Inspector never scanned: an empty list is no proof', async () => {
    let asked = 0;
    const ports = {
      ...sampleImagesPorts(PROD_EU_WEST_1_REGISTRY, NOW),
      imageCoverage: async () => [],
      imageFindings: async () => {
        asked += 1;
        return [];
      },
    };
    expect(await run('image-scans', [ORDERS], ports)).toEqual([
      ['scan', ORDERS, 'FAIL'],
      ['vulnerabilities', ORDERS, 'WARN'],
    ]);
    expect(asked).toBe(0);
  });

  it('records one ERROR naming the call when the registry cannot be read', async () => {
    const ports = {
      ...sampleImagesPorts(PROD_EU_WEST_1_REGISTRY, NOW),
      registryScanning: denied('ecr:GetRegistryScanningConfiguration'),
    };
    const t = target([ORDERS]);
    const result = await runCheck('image-scans', accountWith(ports), { checks: t.checks }, NOW, {
      target: t,
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'run',
        status: 'ERROR',
        message: expect.stringMatching(/ecr:GetRegistryScanningConfiguration/),
      }),
    ]);
  });

  it('reports an expired suppression even without a release', async () => {
    const checks = {
      'image-scans': {
        suppressions: [{ id: 'CVE-2024-3094', reason: 'vendor backport applied', until: '2026-11-01' }],
      },
    };
    expect(await run('image-scans', [PAYMENTS], undefined, { checks })).toContainEqual([
      'suppressions',
      'checks.image-scans.suppressions[0]',
      'WARN',
    ]);
  });
});

describe('images-pushed through runCheck', () => {
  it('declares exactly the calls its adapter makes', () => {
    expect(imageChecks['images-pushed'].permissions).toEqual([
      'ecr:GetRegistryScanningConfiguration',
      'ecr:DescribeRepositories',
      'ecr:DescribeImages',
    ]);
  });

  it('passes an image pushed to an immutable, scanned repository; fails a mutable one', async () => {
    const repo = (name: string) => `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${name}`;
    expect(await run('images-pushed', [ORDERS, PAYMENTS])).toEqual([
      ['image', ORDERS, 'PASS'],
      ['image', PAYMENTS, 'PASS'],
      ['tag-immutability', repo('orders-api'), 'PASS'],
      ['scanning', repo('orders-api'), 'PASS'],
      ['tag-immutability', repo('payments'), 'FAIL'],
      ['scanning', repo('payments'), 'PASS'],
    ]);
  });

  it('fails a digest that was never pushed, and a repository that does not exist', async () => {
    const unknown = ORDERS.replace(ORDERS_API_DIGEST, `sha256:${'0'.repeat(64)}`);
    const noRepo = ORDERS.replace('orders-api@', 'orders-web@');
    expect(await run('images-pushed', [unknown, noRepo])).toEqual([
      ['image', unknown, 'FAIL'],
      ['image', noRepo, 'FAIL'],
      ['tag-immutability', `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders-api`, 'PASS'],
      ['scanning', `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders-api`, 'PASS'],
    ]);
  });

  it('errors the repository rules alone when DescribeRepositories is denied', async () => {
    const ports = {
      ...sampleImagesPorts(PROD_EU_WEST_1_REGISTRY, NOW),
      repository: denied('ecr:DescribeRepositories'),
    };
    const findings = await run('images-pushed', [ORDERS], ports);
    expect(findings.map(([rule, , status]) => `${rule} ${status}`)).toEqual([
      'image PASS',
      'tag-immutability ERROR',
      'scanning ERROR',
    ]);
  });
});
