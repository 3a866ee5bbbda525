import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { InvalidInputError } from './errors';
import { logger } from './logger';

/*
 * The base middleware bundle of a Preflight handler: the environment validated once, on the cold
 * start's first invocation (a missing variable fails that invocation loudly, naming the variable);
 * the Lambda context in every log line (function name, version, request id, cold start); a rejected
 * input logged one way (`input rejected`, with its message) and still thrown, so Step Functions'
 * Catch sees InvalidInputError by name.
 */

/** Something that validates the environment (a zod or zod/mini schema). */
export interface EnvironmentParser {
  parse(environment: unknown): unknown;
}

export interface BaseMiddlewareOptions {
  /** The function's environment schema. @default - the environment is not validated here */
  readonly environment?: EnvironmentParser;
}

export function baseMiddleware(options: BaseMiddlewareOptions = {}): MiddlewareObj {
  let validated = false;
  return {
    before: async (request) => {
      logger.addContext(request.context as Context);
      if (!validated && options.environment !== undefined) {
        options.environment.parse(process.env);
        validated = true;
      }
    },
    onError: async (request) => {
      const { error } = request;
      if (error instanceof InvalidInputError) logger.warn('input rejected', { error: error.message });
    },
  };
}
