import {
  BatchGetImageCommand,
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
const BATCH_GET_IMAGE = 'ecr:BatchGetImage';

/** Manifests that list one image per platform: an OCI image index, a Docker manifest list. */
const INDEX_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
const IMAGE_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
const DIGEST = /^sha256:[0-9a-f]{64}$/;

const malformed = (why: string) =>
  new AwsCallError(BATCH_GET_IMAGE, 'malformed-response', 'MalformedManifest', why);

interface IndexEntry {
  readonly digest?: unknown;
  readonly platform?: { readonly os?: unknown };
  readonly annotations?: Record<string, unknown>;
}

/** An index entry that is no runnable image: BuildKit's provenance and SBOM attestations. */
const isAttestation = (entry: IndexEntry) =>
  entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
  entry.platform?.os === 'unknown';

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

/**
 * The platform images of an image index (a multi-architecture image, or BuildKit's default output
 * with attestations), attestations left out; `undefined` when the digest is a single image or is
 * not in the repository. Scanners scan the platform images, never the index itself.
 */
export async function platformImages(
  client: ECRClient,
  ref: { repository: string; digest: string },
): Promise<string[] | undefined> {
  const answer = await callAws(BATCH_GET_IMAGE, () =>
    client.send(
      new BatchGetImageCommand({
        repositoryName: ref.repository,
        imageIds: [{ imageDigest: ref.digest }],
        acceptedMediaTypes: [...INDEX_TYPES, ...IMAGE_TYPES],
      }),
    ),
  );
  const found = (answer.images ?? []).find((i) => i.imageId?.imageDigest === ref.digest);
  if (found === undefined) return undefined;
  let manifest: { mediaType?: unknown; manifests?: unknown };
  try {
    manifest = JSON.parse(required(BATCH_GET_IMAGE, 'images[].imageManifest', found.imageManifest));
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    throw malformed('images[].imageManifest is not JSON');
  }
  const mediaType = found.imageManifestMediaType ?? manifest.mediaType;
  if (typeof mediaType !== 'string' || !INDEX_TYPES.includes(mediaType)) return undefined;
  if (!Array.isArray(manifest.manifests)) throw malformed('the image index lists no manifests');
  return (manifest.manifests as IndexEntry[])
    .filter((entry) => !isAttestation(entry))
    .map((entry) => {
      if (typeof entry.digest !== 'string' || !DIGEST.test(entry.digest))
        throw malformed(`an image index entry's digest is not sha256 (got ${JSON.stringify(entry.digest)})`);
      return entry.digest;
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
