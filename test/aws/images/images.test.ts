import { ECRClient } from '@aws-sdk/client-ecr';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imagesPortsFromClients } from '../../../lambdas/aws/images';
import { SCAN_FINDINGS_PAGE_SIZE } from '../../../lambdas/aws/images/ecr';
import { COVERAGE_PAGE_SIZE, FINDINGS_PAGE_SIZE } from '../../../lambdas/aws/images/inspector';
import { imageChecks } from '../../../lambdas/core/checks/images/definitions';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { ReleaseSchema } from '../../../lambdas/core/release';
import { type AwsJsonReply, awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';

/*
 * The image adapters through the real SDK clients (their retries, pagination and deserialisation)
 * against local endpoints: ECR speaks AWS JSON 1.1, Amazon Inspector REST JSON.
 */

const NOW = new Date('2026-11-30T10:00:00Z');
const ACCOUNT = '111122223333';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders@${DIGEST}`;
const ARN = `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders/${DIGEST}`;
const THROTTLED = Array.from({ length: 4 }, () => awsJsonReply.throttle());

const settings = validateConfig({}).checks;
const target = {
  service: 'orders',
  implicit: false,
  environment: { name: 'prod', account: ACCOUNT, regions: ['eu-west-1'], configured: true },
  checks: settings,
  release: ReleaseSchema.parse({ images: [IMAGE] }),
};

const clientOptions = (url: string) => ({
  endpoint: url,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  // Four attempts 5 ms apart: the SDK's standard retry, no real waiting.
  retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
});

const registry = (scanType: string) =>
  awsJsonReply.ok({
    registryId: ACCOUNT,
    scanningConfiguration: {
      scanType,
      rules: [
        { scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] },
      ],
    },
  });
const inspectorOn = awsJsonReply.ok({
  accounts: [
    {
      accountId: ACCOUNT,
      state: { status: 'ENABLED' },
      resourceState: { ecr: { status: 'ENABLED' }, ec2: { status: 'ENABLED' } },
    },
  ],
});
const coverage = awsJsonReply.ok({
  coveredResources: [
    {
      resourceType: 'AWS_ECR_CONTAINER_IMAGE',
      resourceId: ARN,
      accountId: ACCOUNT,
      scanType: 'PACKAGE',
      scanStatus: { statusCode: 'ACTIVE', reason: 'SUCCESSFUL' },
      lastScannedAt: (NOW.getTime() - 3_600_000) / 1000,
    },
  ],
});
const finding = (id: string, severity: string) => ({
  findingArn: `arn:aws:inspector2:eu-west-1:${ACCOUNT}:finding/${id}`,
  awsAccountId: ACCOUNT,
  type: 'PACKAGE_VULNERABILITY',
  description: id,
  severity,
  status: 'ACTIVE',
  firstObservedAt: 1,
  lastObservedAt: 1,
  updatedAt: 1,
  remediation: {},
  resources: [],
  packageVulnerabilityDetails: {
    vulnerabilityId: id,
    source: 'NVD',
    vulnerablePackages: [{ name: 'openssl', version: '3.0.1', fixedInVersion: '3.0.2' }],
  },
});

describe('the image adapters through the real SDK against local endpoints', () => {
  let ecrEndpoint: LocalAwsJsonEndpoint;
  let inspectorEndpoint: LocalAwsJsonEndpoint;
  let ecr: ECRClient;
  let inspector: Inspector2Client;

  beforeEach(async () => {
    ecrEndpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'AmazonEC2ContainerRegistry_V20150921' });
    inspectorEndpoint = await LocalAwsJsonEndpoint.start({
      targetPrefix: 'inspector2',
      restOperations: {
        'POST /status/batch/get': 'BatchGetAccountStatus',
        'POST /coverage/list': 'ListCoverage',
        'POST /findings/list': 'ListFindings',
      },
    });
    ecr = new ECRClient(clientOptions(ecrEndpoint.url));
    inspector = new Inspector2Client(clientOptions(inspectorEndpoint.url));
  });

  afterEach(async () => {
    ecr.destroy();
    inspector.destroy();
    await ecrEndpoint.close();
    await inspectorEndpoint.close();
  });

  const ports = () => imagesPortsFromClients({ ecr, inspector });
  const check = async (id: 'image-scans' | 'images-pushed') => {
    const account = { images: ports() } as unknown as AccountPorts;
    return (await runCheck(id, account, { checks: settings }, NOW, { target, region: 'eu-west-1' })).findings;
  };

  it('filters Inspector by the digest, asks for the largest pages, follows nextToken and retries throttles', async () => {
    ecrEndpoint.script('GetRegistryScanningConfiguration', registry('ENHANCED'));
    inspectorEndpoint.script('BatchGetAccountStatus', inspectorOn);
    inspectorEndpoint.script('ListCoverage', awsJsonReply.throttle(), coverage);
    inspectorEndpoint.script(
      'ListFindings',
      awsJsonReply.ok({ findings: [finding('CVE-2025-1', 'HIGH')], nextToken: 'page-2' }),
      awsJsonReply.throttle(),
      awsJsonReply.ok({ findings: [finding('CVE-2025-2', 'CRITICAL')] }),
    );

    const findings = await check('image-scans');

    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['scan', 'PASS'],
      ['vulnerabilities', 'FAIL'],
    ]);
    expect(findings[1]?.evidence?.vulnerabilities).toEqual([
      { id: 'CVE-2025-2', severity: 'CRITICAL', packages: ['openssl 3.0.1 (fixed in 3.0.2)'] },
      { id: 'CVE-2025-1', severity: 'HIGH', packages: ['openssl 3.0.1 (fixed in 3.0.2)'] },
    ]);
    const [coverageCall] = inspectorEndpoint.callsTo('ListCoverage');
    expect(coverageCall?.body).toMatchObject({
      maxResults: COVERAGE_PAGE_SIZE,
      filterCriteria: { resourceId: [{ comparison: 'EQUALS', value: ARN }] },
    });
    const findingCalls = inspectorEndpoint.callsTo('ListFindings').map((c) => c.body);
    expect(findingCalls).toHaveLength(3);
    expect(findingCalls[0]).toMatchObject({
      maxResults: FINDINGS_PAGE_SIZE,
      filterCriteria: {
        ecrImageHash: [{ comparison: 'EQUALS', value: DIGEST }],
        ecrImageRepositoryName: [{ comparison: 'EQUALS', value: 'orders' }],
        findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }],
      },
    });
    expect(findingCalls[0]).not.toHaveProperty('nextToken');
    expect(findingCalls[2]).toMatchObject({ nextToken: 'page-2', maxResults: FINDINGS_PAGE_SIZE });
  });

  it('reads basic scans 1000 findings to a page, following nextToken, and reads "no scan" as a FAIL', async () => {
    ecrEndpoint.script('GetRegistryScanningConfiguration', registry('BASIC'));
    ecrEndpoint.script(
      'DescribeImageScanFindings',
      awsJsonReply.ok({
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: {
          imageScanCompletedAt: (NOW.getTime() - 86_400_000) / 1000,
          findings: [
            { name: 'CVE-2025-9', severity: 'HIGH', attributes: [{ key: 'package_name', value: 'zlib' }] },
          ],
        },
        nextToken: 't2',
      }),
      awsJsonReply.ok({ imageScanStatus: { status: 'COMPLETE' }, imageScanFindings: { findings: [] } }),
    );

    const findings = await check('image-scans');

    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['scan', 'PASS'],
      ['vulnerabilities', 'WARN'],
    ]);
    expect(ecrEndpoint.callsTo('DescribeImageScanFindings').map((c) => c.body)).toEqual([
      { repositoryName: 'orders', imageId: { imageDigest: DIGEST }, maxResults: SCAN_FINDINGS_PAGE_SIZE },
      {
        repositoryName: 'orders',
        imageId: { imageDigest: DIGEST },
        maxResults: SCAN_FINDINGS_PAGE_SIZE,
        nextToken: 't2',
      },
    ]);

    ecrEndpoint.script('GetRegistryScanningConfiguration', registry('BASIC'));
    ecrEndpoint.script('DescribeImageScanFindings', awsJsonReply.error('ScanNotFoundException', 'no scan'));
    ecrEndpoint.script(
      'BatchGetImage',
      awsJsonReply.ok({
        images: [
          {
            imageId: { imageDigest: DIGEST },
            imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
            imageManifest: '{"schemaVersion":2}',
          },
        ],
      }),
    );
    expect((await check('image-scans')).map((f) => [f.rule, f.status])).toEqual([
      ['scan', 'FAIL'],
      ['vulnerabilities', 'WARN'],
    ]);
  });

  describe('an image index (multi-architecture, or BuildKit output with attestations)', () => {
    const AMD64 = `sha256:${'a1'.repeat(32)}`;
    const ARM64 = `sha256:${'b2'.repeat(32)}`;
    const ATTESTATION = `sha256:${'c3'.repeat(32)}`;
    const index = (...platforms: [string, string][]) =>
      awsJsonReply.ok({
        images: [
          {
            registryId: ACCOUNT,
            repositoryName: 'orders',
            imageId: { imageDigest: DIGEST },
            imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
            imageManifest: JSON.stringify({
              schemaVersion: 2,
              mediaType: 'application/vnd.oci.image.index.v1+json',
              manifests: [
                ...platforms.map(([digest, architecture]) => ({
                  mediaType: 'application/vnd.oci.image.manifest.v1+json',
                  digest,
                  size: 1234,
                  platform: { architecture, os: 'linux' },
                })),
                {
                  mediaType: 'application/vnd.oci.image.manifest.v1+json',
                  digest: ATTESTATION,
                  size: 567,
                  annotations: {
                    'vnd.docker.reference.digest': AMD64,
                    'vnd.docker.reference.type': 'attestation-manifest',
                  },
                  platform: { architecture: 'unknown', os: 'unknown' },
                },
              ],
            }),
          },
        ],
        failures: [],
      });
    const complete = (daysAgo: number) =>
      awsJsonReply.ok({
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: {
          imageScanCompletedAt: (NOW.getTime() - daysAgo * 86_400_000) / 1000,
          findings: [],
        },
      });

    it('judges the scans of its platform images, not the index no scanner scans (basic scanning)', async () => {
      ecrEndpoint.script('GetRegistryScanningConfiguration', registry('BASIC'));
      ecrEndpoint.script(
        'DescribeImageScanFindings',
        awsJsonReply.error('ScanNotFoundException', 'no scan for the index'),
        complete(1),
        complete(1),
      );
      ecrEndpoint.script('BatchGetImage', index([AMD64, 'amd64'], [ARM64, 'arm64']));

      const findings = await check('image-scans');

      expect(findings.map((f) => [f.rule, f.resource.split('@')[1], f.status])).toEqual([
        ['scan', AMD64, 'PASS'],
        ['vulnerabilities', AMD64, 'PASS'],
        ['scan', ARM64, 'PASS'],
        ['vulnerabilities', ARM64, 'PASS'],
      ]);
      expect(findings[0]?.message).toContain('Platform image of orders@sha256:abababab');
      expect(findings[0]?.evidence?.imageIndex).toBe(IMAGE);
      expect(ecrEndpoint.callsTo('BatchGetImage')[0]?.body).toMatchObject({
        repositoryName: 'orders',
        imageIds: [{ imageDigest: DIGEST }],
      });
      const scanned = ecrEndpoint.callsTo('DescribeImageScanFindings').map((c) => c.body.imageId);
      expect(scanned).toHaveLength(3);
      expect(scanned).not.toContainEqual({ imageDigest: ATTESTATION });
    });

    it('fails a platform image that was never scanned, naming it (enhanced scanning)', async () => {
      ecrEndpoint.script('GetRegistryScanningConfiguration', registry('ENHANCED'));
      inspectorEndpoint.script('BatchGetAccountStatus', inspectorOn);
      inspectorEndpoint.script(
        'ListCoverage',
        awsJsonReply.ok({ coveredResources: [] }),
        awsJsonReply.ok({ coveredResources: [] }),
      );
      ecrEndpoint.script('BatchGetImage', index([AMD64, 'amd64']));

      const findings = await check('image-scans');

      expect(findings.map((f) => [f.rule, f.resource.split('@')[1], f.status])).toEqual([
        ['scan', AMD64, 'FAIL'],
        ['vulnerabilities', AMD64, 'WARN'],
      ]);
      expect(inspectorEndpoint.callsTo('ListCoverage')[1]?.body).toMatchObject({
        filterCriteria: {
          resourceId: [
            { comparison: 'EQUALS', value: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders/${AMD64}` },
          ],
        },
      });
    });
  });

  it('looks the image up by digest alone, and the repository by name', async () => {
    ecrEndpoint.script('GetRegistryScanningConfiguration', registry('ENHANCED'));
    ecrEndpoint.script(
      'DescribeImages',
      awsJsonReply.ok({
        imageDetails: [{ imageDigest: DIGEST, imageTags: ['1.0'], repositoryName: 'orders' }],
      }),
    );
    ecrEndpoint.script(
      'DescribeRepositories',
      awsJsonReply.ok({
        repositories: [
          {
            repositoryName: 'orders',
            repositoryArn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders`,
            imageTagMutability: 'MUTABLE',
          },
        ],
      }),
    );

    const findings = await check('images-pushed');

    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['image', 'PASS'],
      ['tag-immutability', 'FAIL'],
      ['scanning', 'PASS'],
    ]);
    expect(ecrEndpoint.callsTo('DescribeImages')[0]?.body).toEqual({
      repositoryName: 'orders',
      imageIds: [{ imageDigest: DIGEST }],
    });
    expect(ecrEndpoint.callsTo('DescribeRepositories')[0]?.body).toEqual({ repositoryNames: ['orders'] });
  });

  describe('the fault matrix: every failure is an ERROR naming the call', () => {
    const enhanced = () => {
      ecrEndpoint.script('GetRegistryScanningConfiguration', registry('ENHANCED'));
      inspectorEndpoint.script('BatchGetAccountStatus', inspectorOn);
    };
    it.each<[string, () => void, 'image-scans' | 'images-pushed', string, RegExp]>([
      [
        'registry denied',
        () =>
          ecrEndpoint.script(
            'GetRegistryScanningConfiguration',
            awsJsonReply.error('AccessDeniedException', 'denied', 403),
          ),
        'image-scans',
        'run',
        /ecr:GetRegistryScanningConfiguration was denied/,
      ],
      [
        'registry throttled past the retries',
        () => ecrEndpoint.script('GetRegistryScanningConfiguration', ...THROTTLED),
        'images-pushed',
        'run',
        /ecr:GetRegistryScanningConfiguration/,
      ],
      [
        'registry answer without its id',
        () =>
          ecrEndpoint.script(
            'GetRegistryScanningConfiguration',
            awsJsonReply.ok({ scanningConfiguration: { scanType: 'BASIC' } }),
          ),
        'image-scans',
        'run',
        /ecr:GetRegistryScanningConfiguration/,
      ],
      [
        'coverage denied',
        () => {
          enhanced();
          inspectorEndpoint.script(
            'ListCoverage',
            awsJsonReply.error('AccessDeniedException', 'denied', 403),
          );
        },
        'image-scans',
        'scan',
        /inspector2:ListCoverage was denied/,
      ],
      [
        'findings throttled past the retries',
        () => {
          enhanced();
          inspectorEndpoint.script('ListCoverage', coverage);
          inspectorEndpoint.script('ListFindings', ...(THROTTLED as AwsJsonReply[]));
        },
        'image-scans',
        'vulnerabilities',
        /inspector2:ListFindings/,
      ],
      [
        'a finding without its severity',
        () => {
          enhanced();
          inspectorEndpoint.script('ListCoverage', coverage);
          const { severity: _none, ...broken } = finding('CVE-2025-1', 'HIGH');
          inspectorEndpoint.script('ListFindings', awsJsonReply.ok({ findings: [broken] }));
        },
        'image-scans',
        'vulnerabilities',
        /inspector2:ListFindings/,
      ],
      [
        'the account status denied',
        () => {
          ecrEndpoint.script('GetRegistryScanningConfiguration', registry('ENHANCED'));
          inspectorEndpoint.script(
            'BatchGetAccountStatus',
            awsJsonReply.error('AccessDeniedException', 'denied', 403),
          );
          inspectorEndpoint.script('ListCoverage', coverage);
          inspectorEndpoint.script('ListFindings', awsJsonReply.ok({ findings: [] }));
        },
        'image-scans',
        'scan',
        /inspector2:BatchGetAccountStatus was denied/,
      ],
      [
        'basic scan throttled past the retries',
        () => {
          ecrEndpoint.script('GetRegistryScanningConfiguration', registry('BASIC'));
          ecrEndpoint.script('DescribeImageScanFindings', ...THROTTLED);
        },
        'image-scans',
        'scan',
        /ecr:DescribeImageScanFindings/,
      ],
      [
        'images denied',
        () => {
          ecrEndpoint.script('GetRegistryScanningConfiguration', registry('BASIC'));
          ecrEndpoint.script('DescribeImages', awsJsonReply.error('AccessDeniedException', 'denied', 403));
          ecrEndpoint.script(
            'DescribeRepositories',
            awsJsonReply.error('AccessDeniedException', 'denied', 403),
          );
        },
        'images-pushed',
        'image',
        /ecr:DescribeImages was denied/,
      ],
      [
        'an answer without the digest asked for',
        () => {
          ecrEndpoint.script('GetRegistryScanningConfiguration', registry('BASIC'));
          ecrEndpoint.script(
            'DescribeImages',
            awsJsonReply.ok({ imageDetails: [{ imageDigest: `sha256:${'0'.repeat(64)}` }] }),
          );
          ecrEndpoint.script('DescribeRepositories', ...THROTTLED);
        },
        'images-pushed',
        'tag-immutability',
        /ecr:DescribeRepositories/,
      ],
    ])('%s', async (_case, arrange, checkId, rule, message) => {
      arrange();
      const findings = await check(checkId);
      const failed = findings.find((f) => f.rule === rule);
      expect(failed).toMatchObject({ status: 'ERROR', message: expect.stringMatching(message) });
      expect(findings.some((f) => f.status === 'PASS' && f.rule === rule)).toBe(false);
    });
  });

  it('declares the actions the adapters call', () => {
    const called = [
      'ecr:GetRegistryScanningConfiguration',
      'inspector2:BatchGetAccountStatus',
      'inspector2:ListCoverage',
      'inspector2:ListFindings',
      'ecr:DescribeImageScanFindings',
      'ecr:BatchGetImage',
    ];
    expect([...imageChecks['image-scans'].permissions].sort()).toEqual(called.sort());
  });
});
