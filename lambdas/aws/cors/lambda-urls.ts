import {
  GetFunctionUrlConfigCommand,
  type GetFunctionUrlConfigCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import type { FunctionUrlCors } from '../../core/checks/cors/ports';
import { AwsCallError } from '../../core/errors';
import { callAws } from '../call';
import { required } from '../required';

const GET_FUNCTION_URL_CONFIG = 'lambda:GetFunctionUrlConfig';

/** One function's URL and its CORS settings, or `undefined` when the function has no URL. */
export async function functionUrlCors(
  client: LambdaClient,
  functionName: string,
): Promise<FunctionUrlCors | undefined> {
  let answer: GetFunctionUrlConfigCommandOutput;
  try {
    answer = await callAws(GET_FUNCTION_URL_CONFIG, () =>
      client.send(new GetFunctionUrlConfigCommand({ FunctionName: functionName })),
    );
  } catch (error) {
    // No URL is an answer, not a failure: the function is not reachable by URL at all.
    if (error instanceof AwsCallError && error.kind === 'not-found') return undefined;
    throw error;
  }
  const cors = answer.Cors;
  return {
    url: required(GET_FUNCTION_URL_CONFIG, 'FunctionUrl', answer.FunctionUrl),
    authType: required(GET_FUNCTION_URL_CONFIG, 'AuthType', answer.AuthType),
    ...(cors?.AllowOrigins === undefined ? {} : { allowOrigins: cors.AllowOrigins }),
    allowCredentials: cors?.AllowCredentials === true,
  };
}
