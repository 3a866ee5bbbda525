import type { WebAcl } from './ports';

/** A CloudFront distribution as ListDistributions lists it. */
export interface Distribution {
  readonly id: string;
  readonly arn: string;
  /** `d111111abcdef8.cloudfront.net`. */
  readonly domainName: string;
  /** Its alternate domain names (CNAMEs). */
  readonly aliases: readonly string[];
  /** A disabled distribution serves nothing. */
  readonly enabled: boolean;
  /**
   * The web ACL protecting it: a WAFv2 ARN (a CLOUDFRONT-scope ACL, in us-east-1), a WAF Classic
   * id, or absent when it has none.
   */
  readonly webAclId?: string;
  /** The domain names of its origins (a load balancer's DNS name, a bucket's, a custom one). @default none read */
  readonly originDomains?: readonly string[];
  /**
   * The custom headers CloudFront adds towards each origin, by the origin's domain name in lower
   * case. A value is often a shared secret the origin checks: compared, never reported.
   * @default none read
   */
  readonly originHeaders?: Readonly<Record<string, readonly OriginHeader[]>>;
}

/** What a domain name leads to in DNS; empty when DNS does not answer it. */
export interface OriginNames {
  /** The names of its CNAME chain, in order, lower case without the final dot. */
  readonly cnames: readonly string[];
  readonly addresses: readonly string[];
}

/** A custom header CloudFront sends an origin (`CustomHeaders`). */
export interface OriginHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * What the rate limiting check reads of CloudFront (global: its API and CLOUDFRONT-scope web ACLs
 * live in us-east-1). Throws {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface DistributionPorts {
  /** Every CloudFront distribution of the account. */
  listDistributions(): Promise<Distribution[]>;
  /** A CLOUDFRONT-scope WAFv2 web ACL, by its ARN. */
  cloudFrontWebAcl(arn: string): Promise<WebAcl>;
  /**
   * What a name leads to in DNS (CNAME chain, IPv4 addresses): an origin written as a custom domain
   * of a load balancer. Absent where DNS is not asked.
   */
  originNames?(domain: string): Promise<OriginNames>;
  /** The region these ports audit (their regional clients'), without a call. */
  auditedRegion(): Promise<string>;
}
