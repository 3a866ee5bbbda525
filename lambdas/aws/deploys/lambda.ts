import { GetAliasCommand, type LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import type { LambdaAlias, LambdaFunctionRef } from '../../core/checks/deploys/ports';
import { AwsCallError } from '../../core/errors';
import { callAws, collectPages } from '../call';
import { required } from '../required';

const LIST_FUNCTIONS = 'lambda:ListFunctions';
const GET_ALIAS = 'lambda:GetAlias';

/** ListFunctions' largest page. */
export const FUNCTIONS_PAGE_SIZE = 50;

/** Every function of the region, by name and ARN. */
export async function listFunctions(client: LambdaClient): Promise<LambdaFunctionRef[]> {
  const functions = await collectPages(
    LIST_FUNCTIONS,
    paginateListFunctions({ client, pageSize: FUNCTIONS_PAGE_SIZE }, {}),
    (page) => page.Functions,
  );
  return functions.map((fn) => ({
    name: required(LIST_FUNCTIONS, 'Functions[].FunctionName', fn.FunctionName),
    arn: required(LIST_FUNCTIONS, 'Functions[].FunctionArn', fn.FunctionArn),
  }));
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
