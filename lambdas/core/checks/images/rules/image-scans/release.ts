import type { CheckRunContext } from '../../../types';
import { imageScansFinding } from '../../finding';
import { type ReleaseSelection, selectReleaseImages } from '../../release-images';

/** `release`: the release's images this task judges, or why there are none (see `selectReleaseImages`). */
export function judgeScansRelease(context: CheckRunContext, requireImages: boolean): ReleaseSelection {
  return selectReleaseImages(imageScansFinding, context, requireImages, 'image-scans');
}
