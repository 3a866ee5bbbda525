import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import type { CheckScope } from '../../scope/check-scope';

import { httpApiStages, restApiStages } from '../api-gateway/stages';
import { errorFinding } from '../kit/finding';
import { type Outcome, settle } from '../kit/outcome';
import type { AccountPorts } from '../types';
import { rateLimitFinding } from './finding';
import type { WebAcl } from './ports';
import {
  judgeHttpStageThrottling,
  judgeRestStageThrottling,
  stricter,
} from './rules/rate-limiting/stage-throttling';
import { isWafV2, judgeStageWebAcl } from './rules/rate-limiting/stage-web-acl';

/** Web ACL lookups of stages at once (WAF's API rate is low). */
const STAGE_WEB_ACL_CONCURRENCY = 2;

/**
 * The rate-limiting findings of the service's API Gateway stages: every REST API stage's throttle
 * (or usage plan) and web ACL, every HTTP API stage's throttle. WAF cannot attach to HTTP APIs, so
 * their throttle is all there is to judge. Each source degrades alone: a denied listing is one
 * ERROR for its rule, the others still report.
 */
export async function apiStageRateLimits(account: AccountPorts, scope: CheckScope): Promise<Finding[]> {
  const [rest, http] = await Promise.all([
    restApiStages(account.restApis, scope),
    httpApiStages(account.httpApis, scope),
  ]);
  const findings: Finding[] = [];
  if (rest.ok) {
    // Usage plans only matter for a stage without its own throttle (below the account's): read them once, only then.
    const unthrottled = rest.value.some(
      (a) => a.stages.ok && a.stages.value.some((s) => !stricter(s.defaultThrottle)),
    );
    const plans = unthrottled
      ? await settle(() => account.restApis.listUsagePlans())
      : { ok: true as const, value: [] };
    findings.push(...rest.value.flatMap((api) => judgeRestStageThrottling(api, plans)));
    const stages = rest.value.flatMap(({ api, stages }) =>
      stages.ok ? stages.value.map((stage) => ({ api, stage })) : [],
    );
    findings.push(
      ...(await mapWithConcurrency(stages, STAGE_WEB_ACL_CONCURRENCY, async ({ api, stage }) => {
        // The listing says whether a web ACL is associated: ask WAF for its rules only then.
        const acl: Outcome<WebAcl | undefined> | undefined =
          stage.webAclArn === undefined || !isWafV2(stage.webAclArn)
            ? undefined
            : await settle(() => account.waf.webAclFor(stage.arn));
        return judgeStageWebAcl(api, stage, acl);
      })),
    );
  } else {
    findings.push(errorFinding(rateLimitFinding, 'stage-throttling', '*', rest.error));
  }
  if (http.ok) findings.push(...http.value.flatMap(judgeHttpStageThrottling));
  else findings.push(errorFinding(rateLimitFinding, 'stage-throttling', '*', http.error));
  return findings;
}
