import type { DistributionPorts } from './distribution-ports';

/** One rule of a WAF web ACL, as far as rate limiting is concerned. */
export interface WebAclRule {
  readonly name: string;
  /**
   * A rate-based rule: its request limit and evaluation window, and whether a scope-down statement
   * narrows it to the requests that match (a path, a method): the others are not counted.
   */
  readonly rateLimit?: {
    readonly limit: number;
    readonly windowSeconds: number;
    readonly scopedDown?: boolean;
  };
  /** The rule's action: `Block`, `Captcha`, `Challenge`, `Count` or `Allow`; absent for a rule group. */
  readonly action?: string;
  /** The rule references a rule group (managed or own), whose rules the check does not read. */
  readonly ruleGroup?: string;
}

/** The WAF web ACL protecting a resource, reduced to what rate limiting needs. */
export interface WebAcl {
  readonly name: string;
  readonly arn: string;
  readonly rules: readonly WebAclRule[];
  /** Firewall Manager rule groups run before or after the ACL's own rules (not read). */
  readonly firewallManagerGroups: number;
}

/**
 * What the rate limiting check reads of WAF. Throws {@link import('../../errors').AwsCallError}
 * when the call fails for good.
 */
export interface WafPorts extends DistributionPorts {
  /** The web ACL associated with a resource (a load balancer's ARN), or `undefined` when none is. */
  webAclFor(resourceArn: string): Promise<WebAcl | undefined>;
}
