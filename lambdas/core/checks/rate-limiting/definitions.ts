import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { settle } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { apiStageRateLimits } from './api-stages';
import { behindCloudFront, cloudFrontOrigins } from './behind-cloudfront';
import { rateLimitingCatalogue } from './catalogue';
import { distributionFindings } from './distributions';
import { judgeRateBasedRule, unprotectableFinding } from './rules/rate-limiting/rate-based-rule';

/** Web ACL lookups at once (WAF's API rate is low). */
export const WEB_ACL_CONCURRENCY = 2;

/**
 * The check of "Rate limiting enabled and tested", for the service's public load balancers, API
 * stages and CloudFront distributions.
 */
export const rateLimitingChecks: FamilyDefinitions<typeof rateLimitingCatalogue> = {
  'rate-limiting': {
    ...rateLimitingCatalogue['rate-limiting'],
    async run(account, _settings, _now, scope = WHOLE_ACCOUNT, context = {}) {
      const inScope = scope.select(await account.loadBalancing.listLoadBalancers(), (lb) => ({
        arn: lb.arn,
        names: [lb.name],
      }));
      // Internal load balancers answer only inside the network: judged in scope, without a finding.
      const public_ = inScope.filter((lb) => lb.scheme === 'internet-facing');
      // A load balancer without a limit of its own may be a distribution's origin, limited there.
      const origins = cloudFrontOrigins(account);
      const loadBalancerFindings = await mapWithConcurrency(
        public_,
        WEB_ACL_CONCURRENCY,
        async (lb): Promise<Finding> =>
          lb.type === 'application'
            ? behindCloudFront(
                lb,
                judgeRateBasedRule(lb, await settle(() => account.waf.webAclFor(lb.arn))),
                origins,
                account,
              )
            : unprotectableFinding(lb),
      );
      const apiStageFindings = await apiStageRateLimits(account, scope);
      // The service's CloudFront distributions, judged by the audit of us-east-1 only.
      const distributions = await distributionFindings(account, scope, context.region, origins);
      return [...loadBalancerFindings, ...apiStageFindings, ...distributions];
    },
  },
};
