import type { ScopePorts, StackResource } from './ports';
import type { ScopeReason, ScopeResourceType } from './types';

/*
 * A stack names an API Gateway stage by its stage name alone (`prod`), and a stage's ARN needs its
 * API's id, which the stack does not give when the API is another stack's (a shared API). CloudFormation
 * tags what it creates with `aws:cloudformation:stack-name`: the stage is the one of that stack's
 * tagged stages with the stack's stage name.
 */

/** CloudFormation's stage types → the kind of API their stages are judged with. */
export const STACK_STAGE_TYPES: Readonly<Record<string, 'apigateway:restapis' | 'apigateway:apis'>> = {
  'AWS::ApiGateway::Stage': 'apigateway:restapis',
  'AWS::ApiGatewayV2::Stage': 'apigateway:apis',
};

/** CloudFormation's API types, whose stages follow them into scope. */
const STACK_API_TYPES: Readonly<Record<string, 'apigateway:restapis' | 'apigateway:apis'>> = {
  'AWS::ApiGateway::RestApi': 'apigateway:restapis',
  'AWS::ApiGatewayV2::Api': 'apigateway:apis',
};

/** A stack's stage that could not be found: its API is not the stack's and no tag names it. */
export class StackStageNotFoundError extends Error {
  override readonly name = 'StackStageNotFoundError';
  constructor(stack: string, stage: StackResource & { physicalId: string }) {
    const path = stage.type === 'AWS::ApiGateway::Stage' ? 'restapis' : 'apis';
    super(
      `Stack ${stack}'s stage ${stage.logicalId} (${stage.physicalId}, ${stage.type}) could not be found: its API is not one of the stack's resources, and no ${path} stage named ${stage.physicalId} carries the stack's CloudFormation tag (aws:cloudformation:stack-name). Its tracing and rate limits are not judged: list the stage's ARN in the service's resources.arns (arn:aws:apigateway:<region>::/${path}/<api-id>/stages/${stage.physicalId}), or tag it with the service's tags.`,
    );
  }
}

/** The stack's CloudFormation tag: by name, or by id for a stack given as its ARN (`…:stack/<name>/<uuid>`). */
const stackTag = (stack: string): Record<string, string> =>
  stack.startsWith('arn:')
    ? { 'aws:cloudformation:stack-id': stack }
    : { 'aws:cloudformation:stack-name': stack };

/** The stage name and API kind of a stage ARN (`…::/restapis/<id>/stages/<name>`). */
function stageOf(arn: string): { kind: 'apigateway:restapis' | 'apigateway:apis'; name: string } | undefined {
  const match = /^arn:[^:]+:apigateway:[^:]*::\/(restapis|apis)\/[^/]+\/stages\/([^/]+)$/.exec(arn);
  if (match === null) return undefined;
  return {
    kind: match[1] === 'restapis' ? 'apigateway:restapis' : 'apigateway:apis',
    name: match[2] as string,
  };
}

/**
 * The ARNs of the stack's stages of the kinds judged, each with the stack as its reason: one tagging
 * query per stack that has stages. A stage whose API is also the stack's needs no ARN (the API brings
 * every stage); one whose ARN the service lists is found by it. Any other stage that cannot be found
 * throws {@link StackStageNotFoundError}: the check reports it as an ERROR, never a pass by silence.
 */
export async function stackStageArns(
  stack: string,
  resources: readonly StackResource[],
  types: readonly ScopeResourceType[],
  ports: Pick<ScopePorts, 'resourcesWithTags'>,
  listedArns: readonly string[],
): Promise<{ arn: string; reason: ScopeReason }[]> {
  const stages = resources.filter(
    (r): r is StackResource & { physicalId: string } =>
      r.physicalId !== undefined && types.includes(STACK_STAGE_TYPES[r.type] as ScopeResourceType),
  );
  if (stages.length === 0) return [];
  const kinds = [...new Set(stages.map((s) => STACK_STAGE_TYPES[s.type] as ScopeResourceType))];
  const tagged = (await ports.resourcesWithTags(stackTag(stack), kinds)).flatMap((arn) => {
    const stage = stageOf(arn);
    return stage === undefined ? [] : [{ arn, ...stage }];
  });
  const apisOfStack = new Set(
    resources.filter((r) => r.physicalId !== undefined).map((r) => STACK_API_TYPES[r.type]),
  );
  const listed = listedArns.flatMap((arn) => stageOf(arn) ?? []);
  const found: { arn: string; reason: ScopeReason }[] = [];
  for (const stage of stages) {
    const kind = STACK_STAGE_TYPES[stage.type];
    const matches = tagged.filter((t) => t.kind === kind && t.name === stage.physicalId);
    found.push(
      ...matches.map((t) => ({
        arn: t.arn,
        reason: { by: 'stack', stack, logicalId: stage.logicalId } as const,
      })),
    );
    if (matches.length > 0 || apisOfStack.has(kind)) continue;
    if (listed.some((l) => l.kind === kind && l.name === stage.physicalId)) continue;
    throw new StackStageNotFoundError(stack, stage);
  }
  return found;
}
