import validateAsl from 'asl-validator';
import type { Template } from 'aws-cdk-lib/assertions';
import { HANDLER_METADATA_KEY } from '../../lib/preflight-function';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '123456789012';

/** A function of the template as the harness runs it in-process. */
export interface LocalFunction {
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

/** A state machine taken out of a synthesized template, ready to run locally. */
export interface ExtractedStateMachine {
  readonly logicalId: string;
  /** Clean ASL: every CloudFormation expression replaced by a placeholder ARN. */
  readonly definition: Record<string, Json>;
  /** Placeholder Lambda ARN → the handler module (relative to the repository root) and its environment. */
  readonly handlersByArn: ReadonlyMap<string, LocalFunction>;
}

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': TEST_REGION,
  'AWS::AccountId': TEST_ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

/** The placeholder ARN the harness gives a resource of the template. */
export function placeholderArn(logicalId: string, resource: CfnResource | undefined): string {
  switch (resource?.Type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:${logicalId}`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${TEST_ACCOUNT}:role/${logicalId}`;
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${TEST_REGION}:${TEST_ACCOUNT}:${logicalId}`;
    case 'AWS::S3::Bucket':
      return logicalId.toLowerCase();
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:stateMachine:${logicalId}`;
    default:
      return `arn:aws:cloudformation:${TEST_REGION}:${TEST_ACCOUNT}:resource/${logicalId}`;
  }
}

function resolve(value: unknown, resources: Record<string, CfnResource>): string {
  if (typeof value === 'string') return value;
  const expr = value as Record<string, unknown>;
  if ('Ref' in expr) {
    const ref = String(expr.Ref);
    return PSEUDO[ref] ?? placeholderArn(ref, resources[ref]);
  }
  if ('Fn::GetAtt' in expr) {
    const [logicalId, attribute] = expr['Fn::GetAtt'] as [string, string];
    if (attribute !== 'Arn')
      throw new Error(`Unsupported Fn::GetAtt ${logicalId}.${attribute} in a definition`);
    return placeholderArn(logicalId, resources[logicalId]);
  }
  if ('Fn::Join' in expr) {
    const [separator, parts] = expr['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolve(part, resources)).join(separator);
  }
  throw new Error(`Unsupported CloudFormation expression in a definition: ${JSON.stringify(value)}`);
}

/**
 * Takes the state machine whose logical id starts with `prefix` out of the template, resolves its
 * definition to clean ASL and validates it with asl-validator.
 */
export function extractStateMachine(template: Template, prefix: string): ExtractedStateMachine {
  const json = template.toJSON() as { Resources: Record<string, CfnResource> };
  const resources = json.Resources;
  const matches = Object.entries(resources).filter(
    ([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && id.startsWith(prefix),
  );
  if (matches.length !== 1) {
    throw new Error(
      `Expected one state machine with logical id starting "${prefix}", found ${matches.length}`,
    );
  }
  const [logicalId, resource] = matches[0] as [string, CfnResource];
  const definition = JSON.parse(resolve(resource.Properties?.DefinitionString, resources)) as Record<
    string,
    Json
  >;

  const verdict = validateAsl(structuredClone(definition));
  if (!verdict.isValid) throw new Error(`Invalid ASL for ${logicalId}:\n${verdict.errorsText('\n')}`);

  const handlersByArn = new Map<string, LocalFunction>();
  for (const [id, r] of Object.entries(resources)) {
    const entry = r.Metadata?.[HANDLER_METADATA_KEY];
    if (r.Type === 'AWS::Lambda::Function' && typeof entry === 'string') {
      const variables = ((r.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables ?? {}) as Record<string, unknown>;
      const environment = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, resolve(value, resources)]),
      );
      handlersByArn.set(placeholderArn(id, r), { entry, environment });
    }
  }
  return { logicalId, definition, handlersByArn };
}

/** Every state of a definition, nested Map and Parallel states included, by name. */
export function allStates(definition: Record<string, Json>): Map<string, Record<string, Json>> {
  const found = new Map<string, Record<string, Json>>();
  const visit = (machine: Record<string, Json>) => {
    for (const [name, state] of Object.entries(machine.States as Record<string, Record<string, Json>>)) {
      found.set(name, state);
      const processor = (state.ItemProcessor ?? state.Iterator) as Record<string, Json> | undefined;
      if (processor) visit(processor);
      for (const branch of (state.Branches as Record<string, Json>[] | undefined) ?? []) visit(branch);
    }
  };
  visit(definition);
  return found;
}
