import type { Finding } from '../../../../findings';
import {
  type HttpApi,
  type HttpStage,
  limits,
  type RestApi,
  type RestStage,
  type Throttle,
  type UsagePlan,
} from '../../../api-gateway/ports';
import type { ApiStages } from '../../../api-gateway/stages';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { rateLimitFinding } from '../../finding';

const describe = (t: Throttle & { rateLimit: number }) =>
  `${t.rateLimit} requests/s${t.burstLimit === undefined || t.burstLimit < 0 ? '' : `, burst ${t.burstLimit}`}`;

/**
 * API Gateway's default account throttle per region (REST and HTTP APIs alike), requests per second.
 * A stage throttled at this rate or above is no stricter than the account's own limit, shared by
 * every API: it is what GetStages shows once logging or metrics are switched on for every method.
 */
export const ACCOUNT_DEFAULT_RATE = 10_000;

/** A throttle that limits the stage below the account's default: a stage limit in deed. */
export const stricter = (throttle: Throttle | undefined): throttle is Throttle & { rateLimit: number } =>
  limits(throttle) && throttle.rateLimit < ACCOUNT_DEFAULT_RATE;

const atAccountDefault = (name: string, throttle: Throttle & { rateLimit: number }, unit: string) =>
  `${name} throttles every ${unit} at ${describe(throttle)}, no stricter than API Gateway's default account throttle (${ACCOUNT_DEFAULT_RATE} requests/s, shared by every API of the account in the region): one client can still spend the whole account's rate.`;

const ACCOUNT_ONLY =
  "only the account's regional throttle (shared by every API of the account in the region) limits it";

/**
 * `stage-throttling` of a REST API stage: every method is throttled (`methodSettings['*\/*']`) below
 * the account's default rate (at or above it: WARN, it limits nothing more than the account), or a
 * usage plan with a throttle covers the stage (it limits each API key, so the finding says that
 * requests without a key are not limited by it). Only some methods throttled: WARN, naming them.
 * Neither: FAIL. Usage plans that could not be read while the stage sets no throttle: ERROR (a plan
 * might cover it). The stages that could not be read: ERROR for that API alone.
 */
export function judgeRestStageThrottling(
  { api, stages }: ApiStages<RestApi, RestStage>,
  plans: Outcome<UsagePlan[]>,
): Finding[] {
  if (!stages.ok)
    return [errorFinding(rateLimitFinding, 'stage-throttling', api.arn, stages.error, { restApi: api.name })];
  return stages.value.map((stage) => {
    const name = `${api.name} stage ${stage.name}`;
    const evidence = {
      restApi: api.name,
      restApiId: api.id,
      stage: stage.name,
      endpointTypes: api.endpointTypes,
      defaultThrottle: stage.defaultThrottle ?? null,
      throttledMethods: stage.throttledMethods,
    };
    const throttle = stage.defaultThrottle;
    if (stricter(throttle)) {
      return rateLimitFinding('stage-throttling', stage.arn, {
        status: 'PASS',
        message: `${name} throttles every method at ${describe(throttle)}.`,
        evidence,
      });
    }
    if (!plans.ok)
      return errorFinding(rateLimitFinding, 'stage-throttling', stage.arn, plans.error, evidence);
    const plan = plans.value.find(
      (p) => limits(p.throttle) && p.stages.some((s) => s.apiId === api.id && s.stage === stage.name),
    );
    if (plan !== undefined && limits(plan.throttle)) {
      return rateLimitFinding('stage-throttling', stage.arn, {
        status: 'PASS',
        message: `${name} is covered by usage plan ${plan.name}, which throttles each API key at ${describe(plan.throttle)} (requests to methods that need no key are not limited by it).`,
        evidence: { ...evidence, usagePlan: plan.name, usagePlanThrottle: plan.throttle },
      });
    }
    const remediation = `Set a stage throttle for every method below the account's ${ACCOUNT_DEFAULT_RATE} requests/s (aws apigateway update-stage --rest-api-id ${api.id} --stage-name ${stage.name} --patch-operations op=replace,path=/*/*/throttling/rateLimit,value=100 op=replace,path=/*/*/throttling/burstLimit,value=200; in CDK, deployOptions: { throttlingRateLimit, throttlingBurstLimit }), or a usage plan with a throttle.`;
    if (limits(throttle)) {
      return rateLimitFinding('stage-throttling', stage.arn, {
        status: 'WARN',
        message: atAccountDefault(name, throttle, 'method'),
        evidence,
        remediation,
      });
    }
    if (stage.throttledMethods.length > 0) {
      return rateLimitFinding('stage-throttling', stage.arn, {
        status: 'WARN',
        message: `${name} throttles only ${stage.throttledMethods.join(', ')}; for its other methods ${ACCOUNT_ONLY}.`,
        evidence,
        remediation,
      });
    }
    return rateLimitFinding('stage-throttling', stage.arn, {
      status: 'FAIL',
      message: `${name} sets no throttle and no usage plan covers it: ${ACCOUNT_ONLY}, so one client can spend the whole account's rate.`,
      evidence,
      remediation,
    });
  });
}

/**
 * `stage-throttling` of an HTTP (or WebSocket) API stage: every route is throttled
 * (`DefaultRouteSettings`) below the account's default rate (at or above it: WARN). Only some routes (`RouteSettings`): WARN, naming them. Neither: FAIL.
 * The stages that could not be read: ERROR for that API alone.
 */
export function judgeHttpStageThrottling({ api, stages }: ApiStages<HttpApi, HttpStage>): Finding[] {
  if (!stages.ok)
    return [errorFinding(rateLimitFinding, 'stage-throttling', api.arn, stages.error, { httpApi: api.name })];
  return stages.value.map((stage) => {
    const name = `${api.name} stage ${stage.name}`;
    const evidence = {
      httpApi: api.name,
      apiId: api.id,
      protocolType: api.protocolType,
      stage: stage.name,
      defaultThrottle: stage.defaultThrottle ?? null,
      throttledRoutes: stage.throttledRoutes,
    };
    const throttle = stage.defaultThrottle;
    if (stricter(throttle)) {
      return rateLimitFinding('stage-throttling', stage.arn, {
        status: 'PASS',
        message: `${name} throttles every route at ${describe(throttle)}.`,
        evidence,
      });
    }
    const remediation = `Set a default route throttle below the account's ${ACCOUNT_DEFAULT_RATE} requests/s (aws apigatewayv2 update-stage --api-id ${api.id} --stage-name '${stage.name}' --default-route-settings ThrottlingRateLimit=100,ThrottlingBurstLimit=200; in CDK, the stage's throttle).`;
    if (limits(throttle)) {
      return rateLimitFinding('stage-throttling', stage.arn, {
        status: 'WARN',
        message: atAccountDefault(name, throttle, 'route'),
        evidence,
        remediation,
      });
    }
    if (stage.throttledRoutes.length > 0) {
      return rateLimitFinding('stage-throttling', stage.arn, {
        status: 'WARN',
        message: `${name} throttles only ${stage.throttledRoutes.join(', ')}; for its other routes ${ACCOUNT_ONLY}.`,
        evidence,
        remediation,
      });
    }
    return rateLimitFinding('stage-throttling', stage.arn, {
      status: 'FAIL',
      message: `${name} sets no throttle: ${ACCOUNT_ONLY}, so one client can spend the whole account's rate.`,
      evidence,
      remediation,
    });
  });
}
