import type { Finding } from '../../findings';
import type { ReleaseImage } from '../../release';
import type { FindingBuilder } from '../kit/finding';
import type { CheckRunContext } from '../types';

/** The ARN of an image's repository (only `amazonaws.com` registries are accepted: partition `aws`). */
export const repositoryArn = (image: Pick<ReleaseImage, 'region' | 'account' | 'repository'>) =>
  `arn:aws:ecr:${image.region}:${image.account}:repository/${image.repository}`;

/** The resource id Amazon Inspector gives an image: its repository's ARN, then its digest. */
export const inspectorImageId = (image: ReleaseImage) => `${repositoryArn(image)}/${image.digest}`;

/** Which release images a check judges in this task, or the finding that says there are none. */
export type ReleaseSelection =
  | { readonly kind: 'images'; readonly images: readonly ReleaseImage[] }
  | { readonly kind: 'none'; readonly finding: Finding };

/**
 * The release's images of this task's region (all of them when the task names no region: the
 * environment has one, the caller's). No release: WARN, or FAIL with `requireImages`, never a pass;
 * a release with no image here: SKIPPED (another region's task judges them).
 */
export function selectReleaseImages(
  build: FindingBuilder<'release'>,
  context: CheckRunContext,
  requireImages: boolean,
  checkId: string,
): ReleaseSelection {
  const { release, region } = context;
  if (release === undefined) {
    return {
      kind: 'none',
      finding: build('release', '*', {
        status: requireImages ? 'FAIL' : 'WARN',
        message:
          "No release images given: nothing was judged. A gate names the images it deploys with --image (the input's release.images); a scheduled audit has none.",
        remediation: `Pass every image of the deployment to the gate: preflight gate ... --image <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>${requireImages ? '' : ` (checks.${checkId}.requireImages makes a missing release FAIL)`}.`,
        evidence: { requireImages },
      }),
    };
  }
  const images = region === undefined ? release.images : release.images.filter((i) => i.region === region);
  if (images.length === 0) {
    return {
      kind: 'none',
      finding: build('release', '*', {
        status: 'SKIPPED',
        message: `None of the release's ${release.images.length} image(s) is in ${region}; the task of each image's region judges it.`,
        evidence: { images: release.images.map((i) => i.reference) },
      }),
    };
  }
  return { kind: 'images', images };
}

/**
 * Images outside the audited account's registry are refused (FAIL): the checks never read another
 * account's registry, whose owner could report any scan, and the same repository name here is
 * another image. The others go on to be judged.
 */
export function placeInRegistry(
  build: FindingBuilder<'release'>,
  images: readonly ReleaseImage[],
  registryId: string,
): { readonly judged: ReleaseImage[]; readonly findings: Finding[] } {
  const judged = images.filter((image) => image.account === registryId);
  const findings = images
    .filter((image) => image.account !== registryId)
    .map((image) =>
      build('release', image.reference, {
        status: 'FAIL',
        message: `${image.reference} is in account ${image.account}'s registry, not in the audited account's (${registryId}): it was not judged.`,
        remediation:
          'Deploy images from the registry of the account being deployed to (replicate or copy them there), and pass those references.',
        evidence: { image: image.reference, imageAccount: image.account, registryId },
      }),
    );
  return { judged, findings };
}

/** An image as messages name it: its repository and the digest's first 12 hex digits (the resource has it all). */
export const imageName = (image: Pick<ReleaseImage, 'repository' | 'digest'>) =>
  `${image.repository}@${image.digest.slice(0, 19)}`;
