import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import type { CheckScope } from '../../scope/check-scope';
import { errorFinding } from '../kit/finding';
import { type Outcome, settle, succeeded } from '../kit/outcome';
import type { AccountPorts } from '../types';
import { rateLimitFinding } from './finding';
import type { WebAcl } from './ports';
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
 * (none elsewhere). Each web ACL is read once, however many distributions share it. The listing that
 * failed is one ERROR naming the call (the load balancers are still judged).
 */
export async function distributionFindings(
  account: Pick<AccountPorts, 'waf'>,
  scope: CheckScope,
  region: string | undefined,
): Promise<Finding[]> {
  const where = region === undefined ? await settle(() => account.waf.auditedRegion()) : succeeded(region);
  if (!where.ok) return [errorFinding(rateLimitFinding, 'rate-based-rule', 'cloudfront:*', where.error)];
  if (where.value !== CLOUDFRONT_REGION) return [];
  const listed = await settle(() => account.waf.listDistributions());
  if (!listed.ok) return [errorFinding(rateLimitFinding, 'rate-based-rule', 'cloudfront:*', listed.error)];
  // A disabled distribution serves nothing: nothing to limit.
  const distributions = scope.select(
    listed.value.filter((d) => d.enabled),
    (d) => ({ arn: d.arn, names: [d.id, ...d.aliases] }),
  );
  const acls = new Map<string, Promise<Outcome<WebAcl>>>();
  const aclOf = (arn: string) => {
    const known = acls.get(arn);
    if (known !== undefined) return known;
    const read = settle(() => account.waf.cloudFrontWebAcl(arn));
    acls.set(arn, read);
    return read;
  };
  return mapWithConcurrency(distributions, CLOUDFRONT_ACL_CONCURRENCY, async (d) => {
    if (d.webAclId === undefined) return judgeDistributionRateRule(d, succeeded(undefined));
    if (!isWafV2Arn(d.webAclId)) return classicWafFinding(d);
    return judgeDistributionRateRule(d, await aclOf(d.webAclId));
  });
}
