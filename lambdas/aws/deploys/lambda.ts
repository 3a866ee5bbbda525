import { GetAliasCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaAlias, LambdaFunctionRef } from '../../core/checks/deploys/ports';
import { AwsCallError } from '../../core/errors';
import { callAws } from '../call';
import { required } from '../required';
import { listFunctions as listEveryFunction } from '../tracing/lambda';

const GET_ALIAS = 'lambda:GetAlias';

// The function listing is the tracing family's (one listing code for every family): names and ARNs only here.
export { FUNCTIONS_PAGE_SIZE } from '../tracing/lambda';

/** Every function of the region, by name and ARN. */
export async function listFunctions(client: LambdaClient): Promise<LambdaFunctionRef[]> {
  return (await listEveryFunction(client)).map(({ name, arn }) => ({ name, arn }));
}

/** One alias of a function; `undefined` when the function has no alias of that name. */
export async function alias(
  client: LambdaClient,
  functionName: string,
  aliasName: string,
): Promise<LambdaAlias | undefined> {
  try {
    const answer = await callAws(GET_ALIAS, () =>
      client.send(new GetAliasCommand({ FunctionName: functionName, Name: aliasName })),
    );
    return {
      name: answer.Name ?? aliasName,
      functionVersion: required(GET_ALIAS, 'FunctionVersion', answer.FunctionVersion),
      additionalWeights: answer.RoutingConfig?.AdditionalVersionWeights ?? {},
    };
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') return undefined;
    throw error;
  }
}
