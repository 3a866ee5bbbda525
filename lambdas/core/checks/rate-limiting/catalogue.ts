import { HTTP_API_READS, REST_API_READS, USAGE_PLAN_READS } from '../api-gateway/permissions';
import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The rate-limiting family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const rateLimitingCatalogue = {
  'rate-limiting': {
    id: 'rate-limiting',
    title:
      "The service's internet-facing load balancers, API stages and CloudFront distributions have a WAF rate-based rule that blocks; its API stages are throttled",
    permissions: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'wafv2:GetWebACLForResource',
      'cloudfront:ListDistributions',
      'wafv2:GetWebACL',
      // A load balancer behind CloudFront: whether its security groups let in only CloudFront.
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeManagedPrefixLists',
      // ... or whose listeners forward only requests with the distribution's secret origin header.
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeRules',
      ...SCOPE_PERMISSIONS,
    ],
    resourcePermissions: [REST_API_READS, USAGE_PLAN_READS, HTTP_API_READS],
    scope: {
      kind: 'resources',
      types: [
        'elasticloadbalancing:loadbalancer',
        'apigateway:restapis',
        'apigateway:apis',
        'cloudfront:distribution',
      ],
    },
  },
} as const satisfies FamilyCatalogue;
