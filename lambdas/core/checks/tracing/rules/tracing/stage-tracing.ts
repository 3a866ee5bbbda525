import type { Finding } from '../../../../findings';
import type { RestApi, RestStage } from '../../../api-gateway/ports';
import type { ApiStages } from '../../../api-gateway/stages';
import { errorFinding } from '../../../kit/finding';
import { tracingFinding } from '../../finding';

/**
 * `stage-tracing`: every stage of a REST API traces actively (X-Ray `tracingEnabled`). Off:
 * `missingTracing` (FAIL by default). The stages that could not be read: ERROR for that API alone.
 * An API without a stage serves nothing and gets no finding. (HTTP APIs cannot trace with X-Ray:
 * they are not judged here.)
 */
export function judgeStageTracing(
  { api, stages }: ApiStages<RestApi, RestStage>,
  missingTracing: 'WARN' | 'FAIL',
): Finding[] {
  if (!stages.ok)
    return [errorFinding(tracingFinding, 'stage-tracing', api.arn, stages.error, { restApi: api.name })];
  return stages.value.map((stage) => {
    const evidence = {
      restApi: api.name,
      restApiId: api.id,
      stage: stage.name,
      tracingEnabled: stage.tracingEnabled,
    };
    if (stage.tracingEnabled) {
      return tracingFinding('stage-tracing', stage.arn, {
        status: 'PASS',
        message: `${api.name} stage ${stage.name} traces its requests (X-Ray active tracing).`,
        evidence,
      });
    }
    return tracingFinding('stage-tracing', stage.arn, {
      status: missingTracing,
      message: `${api.name} stage ${stage.name} does not trace: its requests leave no X-Ray trace before they reach the integration.`,
      evidence,
      remediation: `Turn tracing on (aws apigateway update-stage --rest-api-id ${api.id} --stage-name ${stage.name} --patch-operations op=replace,path=/tracingEnabled,value=true; in CDK, deployOptions: { tracingEnabled: true }).`,
    });
  });
}
