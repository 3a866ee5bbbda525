import type { Distribution } from '../core/checks/rate-limiting/distribution-ports';
import type { WebAcl } from '../core/checks/rate-limiting/ports';
import { PROD_ACCOUNT } from './ownership';

/** CloudFront of one sample account (global: the same in every region's ports). */
export interface SampleCloudFront {
  readonly distributions: readonly Distribution[];
  /** CLOUDFRONT-scope web ACLs by ARN. */
  readonly acls: Readonly<Record<string, WebAcl>>;
}

const distribution = (id: string, alias: string, webAclId?: string): Distribution => ({
  id,
  arn: `arn:aws:cloudfront::${PROD_ACCOUNT}:distribution/${id}`,
  domainName: `d${id.toLowerCase().slice(1, 13)}.cloudfront.net`,
  aliases: [alias],
  enabled: true,
  ...(webAclId === undefined ? {} : { webAclId }),
});

const ORDERS_CDN_ACL = `arn:aws:wafv2:us-east-1:${PROD_ACCOUNT}:global/webacl/orders-api-cdn/5e6f7a8b`;

/** orders-api's shop distribution. */
export const ORDERS_DISTRIBUTION = 'E1A2B3C4D5E6F7';
/** payments' checkout distribution. */
export const PAYMENTS_DISTRIBUTION = 'E7P8Q9R0S1T2U3';

/**
 * The main account's distributions: orders-api's shop, whose web ACL blocks a client over 2,000
 * requests in 5 minutes; payments' checkout, without a web ACL; nobody's legacy downloads, behind a
 * WAF Classic web ACL.
 */
export const PROD_CLOUDFRONT: SampleCloudFront = {
  distributions: [
    distribution(ORDERS_DISTRIBUTION, 'shop.example.com', ORDERS_CDN_ACL),
    distribution(PAYMENTS_DISTRIBUTION, 'pay.example.com'),
    distribution('E0L1E2G3A4C5Y6', 'downloads.example.com', '6c0f6f3e-8b5a-4c1d-9e2f-3a4b5c6d7e8f'),
  ],
  acls: {
    [ORDERS_CDN_ACL]: {
      name: 'orders-api-cdn',
      arn: ORDERS_CDN_ACL,
      rules: [{ name: 'per-ip-rate', rateLimit: { limit: 2000, windowSeconds: 300 }, action: 'Block' }],
      firewallManagerGroups: 0,
    },
  },
};

/** An account without distributions. */
export const NO_CLOUDFRONT: SampleCloudFront = { distributions: [], acls: {} };
