import type { Finding } from '../../../../findings';
import type { ReleaseImage } from '../../../../release';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { imagesPushedFinding } from '../../finding';
import type { ImageDetail, Lookup } from '../../ports';
import { imageName } from '../../release-images';

/**
 * `image`: the image exists in its repository, looked up by digest (a tag proves nothing: it can
 * point elsewhere by now). Missing image or repository: FAIL. The lookup that failed: ERROR.
 */
export function judgeImagePushed(image: ReleaseImage, lookup: Outcome<Lookup<ImageDetail>>): Finding {
  if (!lookup.ok) {
    return errorFinding(imagesPushedFinding, 'image', image.reference, lookup.error, {
      image: image.reference,
    });
  }
  const found = lookup.value;
  if (!found.found) {
    return imagesPushedFinding('image', image.reference, {
      status: 'FAIL',
      message:
        found.missing === 'repository'
          ? `Repository ${image.repository} does not exist in ${image.region}: ${imageName(image)} was not pushed.`
          : `No image with digest ${image.digest} in ${image.repository}: ${imageName(image)} was not pushed (or was deleted).`,
      remediation:
        'Push the image before the gate and pass the digest the push printed; check a lifecycle policy did not expire it.',
      evidence: { image: image.reference, missing: found.missing },
    });
  }
  const detail = found.value;
  return imagesPushedFinding('image', image.reference, {
    status: 'PASS',
    message: `${imageName(image)} is in ${image.repository}${detail.tags.length === 0 ? '' : ` (tags ${detail.tags.join(', ')})`}.`,
    evidence: {
      image: image.reference,
      tags: detail.tags.slice(0, 20),
      ...(detail.pushedAt === undefined ? {} : { pushedAt: detail.pushedAt.toISOString() }),
    },
  });
}
