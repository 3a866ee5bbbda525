/** The partition a region belongs to, for ARNs no API Gateway listing returns. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** An API Gateway resource's ARN as the tagging API names it: `arn:aws:apigateway:<region>::<path>`. */
export function apiGatewayArn(region: string, path: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::${path}`;
}
