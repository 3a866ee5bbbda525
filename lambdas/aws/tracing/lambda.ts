import { type LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import type { TracedFunction } from '../../core/checks/tracing/ports';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const LIST_FUNCTIONS = 'lambda:ListFunctions';

/** ListFunctions' largest page. */
export const FUNCTIONS_PAGE_SIZE = 50;

/**
 * Every function of the region with its tracing mode, timeout, memory and environment: the listing
 * carries them, no call per function.
 */
export async function listFunctions(client: LambdaClient): Promise<TracedFunction[]> {
  const functions = await collectPages(
    LIST_FUNCTIONS,
    paginateListFunctions({ client, pageSize: FUNCTIONS_PAGE_SIZE }, {}),
    (page) => page.Functions,
  );
  return readEach(
    LIST_FUNCTIONS,
    functions,
    (fn) => ({ arn: fn.FunctionArn, names: [fn.FunctionName] }),
    (fn) => ({
      name: required(LIST_FUNCTIONS, 'Functions[].FunctionName', fn.FunctionName),
      arn: required(LIST_FUNCTIONS, 'Functions[].FunctionArn', fn.FunctionArn),
      ...(fn.TracingConfig?.Mode === undefined ? {} : { tracingMode: fn.TracingConfig.Mode }),
      ...(fn.Timeout === undefined ? {} : { timeoutSeconds: fn.Timeout }),
      ...(fn.MemorySize === undefined ? {} : { memoryMb: fn.MemorySize }),
      ...(fn.Environment?.Variables === undefined ? {} : { environment: fn.Environment.Variables }),
      ...(fn.Environment?.Error === undefined
        ? {}
        : { environmentError: fn.Environment.Error.ErrorCode ?? 'Error' }),
      ...(fn.Handler === undefined ? {} : { handler: fn.Handler }),
      ...(fn.Description === undefined || fn.Description === '' ? {} : { description: fn.Description }),
      ...(fn.KMSKeyArn === undefined ? {} : { kmsKeyArn: fn.KMSKeyArn }),
    }),
  );
}
