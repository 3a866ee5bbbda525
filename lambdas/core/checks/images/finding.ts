import { findingBuilder } from '../kit/finding';

/** A finding of the image-scans check. */
export const imageScansFinding = findingBuilder<'release' | 'scan' | 'vulnerabilities' | 'suppressions'>(
  'image-scans',
);

/** A finding of the images-pushed check. */
export const imagesPushedFinding = findingBuilder<'release' | 'image' | 'tag-immutability' | 'scanning'>(
  'images-pushed',
);
