import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetRegistryScanningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import {
  BatchGetAccountStatusCommand,
  Inspector2Client,
  ListCoverageCommand,
  ListFindingsCommand,
} from '@aws-sdk/client-inspector2';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * The gate's release through the synthesized audit state machine: its input step refuses what
 * `preflight gate --image` refuses, and the images family's function judges exactly the images given.
 */

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const ecr = mockClient(ECRClient);
const inspector = mockClient(Inspector2Client);
// The service is scoped by tags: stubbed here, never the network (nothing else of it is tagged).
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
  ecr.restore();
  inspector.restore();
  tagging.restore();
});

const ACCOUNT = '111122223333';
const CLEAN = `sha256:${'c1'.repeat(32)}`;
const VULNERABLE = `sha256:${'de'.repeat(32)}`;
const image = (repository: string, digest: string) =>
  `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/${repository}@${digest}`;
const CONFIG = {
  environments: { prod: { account: ACCOUNT, region: 'eu-west-1' } },
  services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
};
const gateOf = (images: string[]) => ({
  service: 'orders',
  environment: 'prod',
  attestations: ALL_ATTESTATIONS,
  release: { images },
});

function stubRegistry() {
  ecr.reset();
  inspector.reset();
  tagging.reset();
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });
  ecr.on(GetRegistryScanningConfigurationCommand).resolves({
    registryId: ACCOUNT,
    scanningConfiguration: {
      scanType: 'ENHANCED',
      rules: [
        { scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] },
      ],
    },
  });
  ecr.on(DescribeRepositoriesCommand).callsFake((input: { repositoryNames: string[] }) => ({
    repositories: input.repositoryNames.map((name) => ({
      repositoryName: name,
      repositoryArn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${name}`,
      imageTagMutability: 'IMMUTABLE',
    })),
  }));
  ecr.on(DescribeImagesCommand).callsFake((input: { imageIds: Array<{ imageDigest: string }> }) => ({
    imageDetails: input.imageIds.map((id) => ({ imageDigest: id.imageDigest, imageTags: ['1.0.0'] })),
  }));
  inspector.on(BatchGetAccountStatusCommand).resolves({
    accounts: [
      {
        accountId: ACCOUNT,
        state: { status: 'ENABLED', errorCode: undefined, errorMessage: undefined },
        resourceState: {
          ec2: undefined,
          ecr: { status: 'ENABLED', errorCode: undefined, errorMessage: undefined },
        },
      },
    ],
  });
  inspector.on(ListCoverageCommand).callsFake((input) => ({
    coveredResources: [
      {
        resourceType: 'AWS_ECR_CONTAINER_IMAGE',
        resourceId: input.filterCriteria.resourceId[0].value,
        accountId: ACCOUNT,
        scanType: 'PACKAGE',
        scanStatus: { statusCode: 'ACTIVE', reason: 'SUCCESSFUL' },
        lastScannedAt: new Date(NOW.getTime() - 3_600_000),
      },
    ],
  }));
  inspector.on(ListFindingsCommand).callsFake((input) => ({
    findings:
      input.filterCriteria.ecrImageHash[0].value === VULNERABLE
        ? [
            {
              severity: 'CRITICAL',
              packageVulnerabilityDetails: {
                vulnerabilityId: 'CVE-2024-3094',
                source: 'NVD',
                vulnerablePackages: [{ name: 'xz-utils', version: '5.6.0', fixedInVersion: '5.6.1' }],
              },
            },
          ]
        : [],
  }));
}

describe('audit state machine: the release', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = auditMachineFor(CONFIG);
  });
  beforeEach(() => {
    s3.install();
    account.install();
    // Preflight runs in the environment's own account.
    account.mocks.sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/preflight/x` });
    stubRegistry();
  });

  it.each([
    [
      [`${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders:latest`],
      /release\.images\.0: .*pin the digest: a tag can move between scan and deploy/,
    ],
    [[`registry.example.com/orders@${CLEAN}`], /release\.images\.0: .*is not an Amazon ECR private registry/],
    [
      [image('orders', CLEAN).replace(ACCOUNT, '999988887777')],
      /is in account 999988887777, not environment "prod"'s account/,
    ],
    [[image('orders', CLEAN), image('orders', CLEAN)], /release\.images\.1: .* is given twice/],
  ])('refuses the release %j before any check runs, naming the field', async (images, message) => {
    const run = await runAudit(s3, machine, gateOf(images));

    expect(run.error?.name).toBe('InvalidInputError');
    expect(run.error?.cause).toMatch(message);
    expect(run.statesEntered.filter((s) => s.startsWith('Run check ('))).toEqual([]);
    expect(ecr.calls()).toHaveLength(0);
  });

  it('judges exactly the images given, by digest: a clean image passes its items', async () => {
    const run = await runAudit(s3, machine, gateOf([image('orders', CLEAN)]));

    expect(run.error).toBeUndefined();
    const items = Object.fromEntries(run.report?.items.map((i) => [i.id, i.status]) ?? []);
    expect(items).toMatchObject({
      'security.security-scans': 'PASS',
      'security.no-critical-vulnerabilities': 'PASS',
      'application.images-built-scanned': 'PASS',
      'phase2.images-pushed': 'PASS',
    });
    expect(run.report?.target.release).toEqual([image('orders', CLEAN)]);
    expect(ecr.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input)).toEqual([
      { repositoryName: 'orders', imageIds: [{ imageDigest: CLEAN }] },
    ]);
    expect(
      inspector.commandCalls(ListFindingsCommand)[0]?.args[0].input.filterCriteria?.ecrImageHash,
    ).toEqual([{ comparison: 'EQUALS', value: CLEAN }]);
  });

  it('fails the gate on a critical CVE, with the CVE, package and fixed version in the report', async () => {
    const run = await runAudit(
      s3,
      machine,
      gateOf([image('orders', CLEAN), image('orders-sidecar', VULNERABLE)]),
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toContain('security.no-critical-vulnerabilities');
    const failing = run.report?.findings.find((f) => f.checkId === 'image-scans' && f.status === 'FAIL');
    expect(failing?.resource).toBe(image('orders-sidecar', VULNERABLE));
    expect(failing?.evidence?.vulnerabilities).toEqual([
      { id: 'CVE-2024-3094', severity: 'CRITICAL', packages: ['xz-utils 5.6.0 (fixed in 5.6.1)'] },
    ]);
  });

  it('warns, never passes, when a gate names no image', async () => {
    const { release: _none, ...withoutRelease } = gateOf([]);
    const run = await runAudit(s3, machine, withoutRelease);

    const release = run.report?.findings.filter((f) => f.rule === 'release');
    expect(release?.map((f) => [f.checkId, f.status])).toEqual([
      ['image-scans', 'WARN'],
      ['images-pushed', 'WARN'],
    ]);
    expect(ecr.calls()).toHaveLength(0);
  });
});
