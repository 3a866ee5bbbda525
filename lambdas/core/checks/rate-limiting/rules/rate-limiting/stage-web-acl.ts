import type { Finding } from '../../../../findings';
import type { RestApi, RestStage } from '../../../api-gateway/ports';
import type { Outcome } from '../../../kit/outcome';
import { rateLimitFinding } from '../../finding';
import type { WebAcl } from '../../ports';
import { judgeWebAclRateRule } from './rate-based-rule';

/** Whether a web ACL ARN is AWS WAF's (v2), whose rules GetWebACLForResource returns, not WAF Classic's. */
export const isWafV2 = (arn: string) => arn.split(':')[2] === 'wafv2';

/** Whether a REST API is private: reachable only through VPC interface endpoints. */
export const isPrivate = (api: RestApi) => api.endpointTypes.includes('PRIVATE');

/**
 * `rate-based-rule` of a REST API stage: the stage's web ACL (`webAclArn`, read with
 * GetWebACLForResource) has a rate-based rule that blocks, judged as for a load balancer. A public
 * stage without a web ACL: FAIL. A private API's stage without one: WARN, never a pass by silence:
 * it faces no internet, but who reaches it through the VPC endpoints (their policies, the API's
 * resource policy) cannot be seen here; its stage throttle is the limit that applies. `acl` is
 * `undefined` when the stage has no AWS WAF web ACL (no call was made); a WAF Classic web ACL, whose
 * rules are not read: WARN.
 */
export function judgeStageWebAcl(
  api: RestApi,
  stage: RestStage,
  acl: Outcome<WebAcl | undefined> | undefined,
): Finding {
  const evidence = {
    restApi: api.name,
    restApiId: api.id,
    stage: stage.name,
    endpointTypes: api.endpointTypes,
  };
  if (stage.webAclArn !== undefined && !isWafV2(stage.webAclArn)) {
    return rateLimitFinding('rate-based-rule', stage.arn, {
      status: 'WARN',
      message: `${api.name} stage ${stage.name} is protected by a WAF Classic web ACL (${stage.webAclArn}), whose rules are not read here: whether it limits rates could not be seen.`,
      evidence: { ...evidence, webAclArn: stage.webAclArn },
      remediation:
        'Move the web ACL to AWS WAF (v2) with a rate-based rule: WAF Classic has reached its end of support.',
    });
  }
  if (acl === undefined && isPrivate(api)) {
    return rateLimitFinding('rate-based-rule', stage.arn, {
      status: 'WARN',
      message: `${api.name} stage ${stage.name} is a private API without a WAF web ACL: it faces no internet, but who can call it through the VPC endpoints (their policies, the API's resource policy) could not be seen; only its throttle (see stage-throttling) limits a caller.`,
      evidence: { ...evidence, webAcl: null },
      remediation:
        'Associate a web ACL with a rate-based rule with the stage, or attest which VPC endpoints and callers may reach the API and how they are limited.',
    });
  }
  return judgeWebAclRateRule(
    { arn: stage.arn, name: `${api.name} stage ${stage.name}`, noun: 'the stage', evidence },
    acl ?? { ok: true, value: undefined },
  );
}
