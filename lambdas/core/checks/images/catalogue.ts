import type { FamilyCatalogue } from '../types';

/**
 * The images family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const imageCatalogue = {
  'image-scans': {
    id: 'image-scans',
    title:
      'Each image of the release was scanned recently, with no vulnerability at or above the configured severity',
    permissions: [
      'ecr:GetRegistryScanningConfiguration',
      'inspector2:BatchGetAccountStatus',
      'inspector2:ListCoverage',
      'inspector2:ListFindings',
      'ecr:DescribeImageScanFindings',
      'ecr:BatchGetImage',
    ],
    scope: { kind: 'release' },
  },
  'images-pushed': {
    id: 'images-pushed',
    title:
      'Each image of the release is in ECR by digest, in a repository with immutable tags and scanning on push',
    permissions: ['ecr:GetRegistryScanningConfiguration', 'ecr:DescribeRepositories', 'ecr:DescribeImages'],
    scope: { kind: 'release' },
  },
} as const satisfies FamilyCatalogue;
