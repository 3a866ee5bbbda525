/*
 * The AWS partition of a region: an ARN's second field must be its region's partition, or no API of
 * that region accepts it (`arn:aws-cn:lambda:eu-west-1:...` names nothing anywhere).
 */

const PARTITIONS: ReadonlyArray<readonly [prefix: string, partition: string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];

/** The partition `region` belongs to: `aws-cn` for China, `aws-us-gov` for GovCloud, ..., else `aws`. */
export function partitionOfRegion(region: string): string {
  return PARTITIONS.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}
