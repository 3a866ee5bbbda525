import type { CheckRunContext } from '../../../types';
import { imagesPushedFinding } from '../../finding';
import { type ReleaseSelection, selectReleaseImages } from '../../release-images';

/** `release`: the release's images this task judges, or why there are none (see `selectReleaseImages`). */
export function judgePushedRelease(context: CheckRunContext, requireImages: boolean): ReleaseSelection {
  return selectReleaseImages(imagesPushedFinding, context, requireImages, 'images-pushed');
}
