import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import type { CheckScope } from '../../scope/check-scope';
import { errorFinding } from '../kit/finding';
import { settle, succeeded } from '../kit/outcome';
import type { AccountPorts } from '../types';
import type { CloudFrontOrigins } from './behind-cloudfront';
import { rateLimitFinding } from './finding';
import {
  classicWafFinding,
  isWafV2Arn,
  judgeDistributionRateRule,
} from './rules/rate-limiting/distribution-rate-rule';

/**
 * CloudFront is global: its API, its tags and its CLOUDFRONT-scope web ACLs live in us-east-1, so
 * the audit of that region judges the account's distributions, once, whatever other regions run.
 */
export const CLOUDFRONT_REGION = 'us-east-1';

/** CLOUDFRONT-scope web ACLs read at once (WAF's API rate is low). */
export const CLOUDFRONT_ACL_CONCURRENCY = 2;

/**
 * The `rate-based-rule` findings of the enabled distributions in scope, in the audit of us-east-1
 * (none elsewhere). The listing and each web ACL are read once per run (`origins`, shared with the
 * load balancers behind a distribution). The listing that failed is one ERROR naming the call (the
 * load balancers are still judged).
 */
export async function distributionFindings(
  account: Pick<AccountPorts, 'waf'>,
  scope: CheckScope,
  region: string | undefined,
  origins: Pick<CloudFrontOrigins, 'distributions' | 'acl'>,
): Promise<Finding[]> {
  const where = region === undefined ? await settle(() => account.waf.auditedRegion()) : succeeded(region);
  if (!where.ok) return [errorFinding(rateLimitFinding, 'rate-based-rule', 'cloudfront:*', where.error)];
  if (where.value !== CLOUDFRONT_REGION) return [];
  const listed = await origins.distributions();
  if (!listed.ok) return [errorFinding(rateLimitFinding, 'rate-based-rule', 'cloudfront:*', listed.error)];
  // A disabled distribution serves nothing: nothing to limit.
  const distributions = scope.select(
    listed.value.filter((d) => d.enabled),
    (d) => ({ arn: d.arn, names: [d.id, ...d.aliases] }),
  );
  return mapWithConcurrency(distributions, CLOUDFRONT_ACL_CONCURRENCY, async (d) => {
    if (d.webAclId === undefined) return judgeDistributionRateRule(d, succeeded(undefined));
    if (!isWafV2Arn(d.webAclId)) return classicWafFinding(d);
    return judgeDistributionRateRule(d, await origins.acl(d.webAclId));
  });
}
