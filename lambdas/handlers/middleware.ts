import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { FunctionEnvironment } from './environment';
import { EnvironmentError } from './environment';
import { InvalidInputError } from './errors';
import { logger } from './logger';

/*
 * The base middleware of every Preflight handler: `middy(run).use(baseMiddleware({ environment }))`.
 * - The environment, validated before the first invocation's handler runs (the cold start): a missing
 *   or wrong variable fails that invocation loudly (EnvironmentError naming each variable, logged).
 * - The Lambda context in every log line (function name, version, request id, cold start).
 * - A rejected input logged one way (`input rejected`, with its message) and still thrown, so Step
 *   Functions' Catch sees InvalidInputError by name.
 * Another middleware (metrics, tracing) is added with `.use()` after this one.
 */

export interface BaseMiddlewareOptions {
  /** The function's environment (`functionEnvironment(...)`), the one its construct is typed by. */
  readonly environment: FunctionEnvironment;
}

export function baseMiddleware(options: BaseMiddlewareOptions): MiddlewareObj {
  return {
    before: async (request) => {
      logger.addContext(request.context as Context);
      // Memoized: parsed on the cold start's first invocation, read from memory on the warm ones.
      options.environment.read();
    },
    onError: async (request) => {
      const { error } = request;
      if (error instanceof InvalidInputError) logger.warn('input rejected', { error: error.message });
      if (error instanceof EnvironmentError) logger.error('environment invalid', { error: error.message });
    },
  };
}
