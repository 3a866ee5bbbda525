import { partitionOfRegion } from '../../core/partition';
/** An API Gateway resource's ARN as the tagging API names it: `arn:aws:apigateway:<region>::<path>`. */
export function apiGatewayArn(region: string, path: string): string {
  return `arn:${partitionOfRegion(region)}:apigateway:${region}::${path}`;
}
