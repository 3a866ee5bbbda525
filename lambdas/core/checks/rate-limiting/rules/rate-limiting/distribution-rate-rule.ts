import type { Finding } from '../../../../findings';
import type { Outcome } from '../../../kit/outcome';
import type { Distribution } from '../../distribution-ports';
import { rateLimitFinding } from '../../finding';
import type { WebAcl } from '../../ports';
import { judgeWebAclRateRule } from './rate-based-rule';
import { isWafV2 } from './stage-web-acl';

/** A WAFv2 web ACL's ARN; CloudFront names a WAF Classic web ACL by a bare id instead. */
export const isWafV2Arn = (webAclId: string): boolean => webAclId.startsWith('arn:') && isWafV2(webAclId);

/** `CloudFront distribution E2QWRUHAPOMQZL (shop.example.com)`: its id and the name it is reached by. */
export const distributionLabel = (d: Distribution): string =>
  `CloudFront distribution ${d.id} (${d.aliases[0] ?? d.domainName})`;

const evidenceOf = (d: Distribution) => ({
  distribution: d.id,
  domainName: d.domainName,
  aliases: d.aliases,
  webAclId: d.webAclId ?? null,
});

/**
 * `rate-based-rule` for a CloudFront distribution: the same judgement as a public load balancer's
 * (a WAFv2 web ACL with a rate-based rule that blocks: PASS; one that only counts, or only rule
 * groups not read: WARN; no web ACL or no rate-based rule: FAIL; the ACL that could not be read:
 * ERROR), with the distribution's id, domain and aliases as evidence. A distribution is public by
 * nature: every enabled one is judged.
 */
export function judgeDistributionRateRule(d: Distribution, acl: Outcome<WebAcl | undefined>): Finding {
  return judgeWebAclRateRule(
    {
      arn: d.arn,
      name: distributionLabel(d),
      noun: 'the distribution (a CLOUDFRONT-scope WAF web ACL, in us-east-1)',
      evidence: evidenceOf(d),
    },
    acl,
  );
}

/**
 * A distribution protected by a WAF Classic web ACL (a bare id, not a WAFv2 ARN): its rules are not
 * read (WAF Classic has reached its end of support), so whether it limits rates could not be seen:
 * WARN, never a pass.
 */
export function classicWafFinding(d: Distribution): Finding {
  return rateLimitFinding('rate-based-rule', d.arn, {
    status: 'WARN',
    message: `${distributionLabel(d)} is protected by a WAF Classic web ACL (${d.webAclId ?? '?'}), whose rules are not read: whether it limits how fast a client may call could not be seen.`,
    evidence: evidenceOf(d),
    remediation:
      'Move the web ACL to AWS WAF (v2), CLOUDFRONT scope in us-east-1, with a rate-based rule: WAF Classic has reached its end of support.',
  });
}
