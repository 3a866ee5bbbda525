import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  GetRegistryScanningConfigurationCommand,
  type ImageScanFinding,
  paginateDescribeImageScanFindings,
} from '@aws-sdk/client-ecr';
import type {
  BasicScan,
  ImageDetail,
  Lookup,
  RegistryScanning,
  Repository,
  Vulnerability,
} from '../../core/checks/images/ports';
import { AwsCallError } from '../../core/errors';
import { callAws, toAwsCallError } from '../call';
import { required } from '../required';

const GET_REGISTRY_SCANNING = 'ecr:GetRegistryScanningConfiguration';
const DESCRIBE_IMAGE_SCAN_FINDINGS = 'ecr:DescribeImageScanFindings';
const DESCRIBE_REPOSITORIES = 'ecr:DescribeRepositories';
const DESCRIBE_IMAGES = 'ecr:DescribeImages';

/** DescribeImageScanFindings' largest page. */
export const SCAN_FINDINGS_PAGE_SIZE = 1000;

/** ECR's answers for what is absent: a lookup that found nothing, not a failure. */
const MISSING: Readonly<Record<string, 'repository' | 'image' | 'scan'>> = {
  RepositoryNotFoundException: 'repository',
  ImageNotFoundException: 'image',
  ScanNotFoundException: 'scan',
};

/** Runs a lookup; ECR's not-found answers become `found: false`, any other failure an AwsCallError. */
async function lookup<T>(action: string, read: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return { found: true, value: await read() };
  } catch (error) {
    const code = error instanceof AwsCallError ? error.code : (error as { name?: string }).name;
    const missing = code === undefined ? undefined : MISSING[code];
    if (missing !== undefined) return { found: false, missing };
    throw toAwsCallError(action, error);
  }
}

/** The registry's id (the account) and how it scans. */
export async function registryScanning(client: ECRClient): Promise<RegistryScanning> {
  const answer = await callAws(GET_REGISTRY_SCANNING, () =>
    client.send(new GetRegistryScanningConfigurationCommand({})),
  );
  const configuration = required(
    GET_REGISTRY_SCANNING,
    'scanningConfiguration',
    answer.scanningConfiguration,
  );
  return {
    registryId: required(GET_REGISTRY_SCANNING, 'registryId', answer.registryId),
    scanType: required(GET_REGISTRY_SCANNING, 'scanningConfiguration.scanType', configuration.scanType),
    rules: (configuration.rules ?? []).map((rule) => ({
      scanFrequency: required(GET_REGISTRY_SCANNING, 'rules[].scanFrequency', rule.scanFrequency),
      filters: required(GET_REGISTRY_SCANNING, 'rules[].repositoryFilters', rule.repositoryFilters).map((f) =>
        required(GET_REGISTRY_SCANNING, 'rules[].repositoryFilters[].filter', f.filter),
      ),
    })),
  };
}

const attribute = (finding: ImageScanFinding, key: string) =>
  finding.attributes?.find((a) => a.key === key)?.value;

function toBasicVulnerability(finding: ImageScanFinding): Vulnerability {
  const name = attribute(finding, 'package_name');
  const version = attribute(finding, 'package_version');
  return {
    id: required(DESCRIBE_IMAGE_SCAN_FINDINGS, 'imageScanFindings.findings[].name', finding.name),
    severity: required(
      DESCRIBE_IMAGE_SCAN_FINDINGS,
      'imageScanFindings.findings[].severity',
      finding.severity,
    ),
    // Basic scanning names the package but no fixed version.
    packages: name === undefined ? [] : [{ name, ...(version === undefined ? {} : { version }) }],
  };
}

/** The basic scan of one image, every finding, 1000 to a page. */
export async function basicScan(
  client: ECRClient,
  image: { repository: string; digest: string },
): Promise<Lookup<BasicScan>> {
  return lookup(DESCRIBE_IMAGE_SCAN_FINDINGS, async () => {
    let status: string | undefined;
    let description: string | undefined;
    let completedAt: Date | undefined;
    const vulnerabilities: Vulnerability[] = [];
    const pages = paginateDescribeImageScanFindings(
      { client },
      {
        repositoryName: image.repository,
        imageId: { imageDigest: image.digest },
        maxResults: SCAN_FINDINGS_PAGE_SIZE,
      },
    );
    for await (const page of pages) {
      status = required(DESCRIBE_IMAGE_SCAN_FINDINGS, 'imageScanStatus.status', page.imageScanStatus?.status);
      description = page.imageScanStatus?.description;
      completedAt = page.imageScanFindings?.imageScanCompletedAt ?? completedAt;
      vulnerabilities.push(...(page.imageScanFindings?.findings ?? []).map(toBasicVulnerability));
    }
    return {
      status: required(DESCRIBE_IMAGE_SCAN_FINDINGS, 'imageScanStatus.status', status),
      ...(description === undefined ? {} : { description }),
      ...(completedAt === undefined ? {} : { completedAt }),
      vulnerabilities,
    };
  });
}

/** One repository by name (one call: a list of names fails whole when one is missing). */
export async function repository(client: ECRClient, name: string): Promise<Lookup<Repository>> {
  return lookup(DESCRIBE_REPOSITORIES, async () => {
    const answer = await callAws(DESCRIBE_REPOSITORIES, () =>
      client.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })),
    );
    const [repo] = answer.repositories ?? [];
    const found = required(DESCRIBE_REPOSITORIES, 'repositories[0]', repo);
    return {
      name: required(DESCRIBE_REPOSITORIES, 'repositories[].repositoryName', found.repositoryName),
      arn: required(DESCRIBE_REPOSITORIES, 'repositories[].repositoryArn', found.repositoryArn),
      tagMutability: required(
        DESCRIBE_REPOSITORIES,
        'repositories[].imageTagMutability',
        found.imageTagMutability,
      ),
      // Absent is read as off: a check never passes on a setting the answer did not give.
      scanOnPush: found.imageScanningConfiguration?.scanOnPush === true,
    };
  });
}

/** One image by digest (an image id without a tag: a tag would prove nothing). */
export async function image(
  client: ECRClient,
  ref: { repository: string; digest: string },
): Promise<Lookup<ImageDetail>> {
  return lookup(DESCRIBE_IMAGES, async () => {
    const answer = await callAws(DESCRIBE_IMAGES, () =>
      client.send(
        new DescribeImagesCommand({
          repositoryName: ref.repository,
          imageIds: [{ imageDigest: ref.digest }],
        }),
      ),
    );
    const detail = (answer.imageDetails ?? []).find((d) => d.imageDigest === ref.digest);
    // An answer without the digest asked for is no proof the image is there.
    if (detail === undefined)
      return Promise.reject(Object.assign(new Error('no such image'), { name: 'ImageNotFoundException' }));
    return {
      digest: ref.digest,
      tags: detail.imageTags ?? [],
      ...(detail.imagePushedAt === undefined ? {} : { pushedAt: detail.imagePushedAt }),
    };
  });
}
