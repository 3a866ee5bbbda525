import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../lambdas/handlers/audit/checks/tls';
import { logger } from '../../lambdas/handlers/logger';
import { restoreEnvironment, saveEnvironment } from '../support/environment';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

/*
 * A check function through its Lambda handler and the base middleware: the environment is checked
 * before anything runs (a missing variable is named), the Lambda context reaches the logger, and a
 * rejected input is logged one way and still thrown by name for the state machine's Catch.
 */

const CONTEXT = {
  functionName: 'RunCheckTls',
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:RunCheckTls',
  memoryLimitInMB: '1024',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 60_000,
};
const invoke = (event: unknown) => (handler as (e: unknown, c: unknown) => Promise<unknown>)(event, CONTEXT);

afterEach(() => vi.restoreAllMocks());

describe('a check function’s handler', () => {
  it('refuses to run without its environment, naming the missing variable', async () => {
    process.env.POWERTOOLS_SERVICE_NAME = 'preflight';
    process.env.REPORT_BUCKET = 'reports';
    delete process.env.REACH_ROLE_ARN;
    await expect(invoke({ task: { checkId: 'tls-endpoints' } })).rejects.toThrow(/REACH_ROLE_ARN/);
  });

  it('logs a rejected input with the Lambda context, and throws it by name', async () => {
    process.env.REACH_ROLE_ARN = 'arn:aws:iam::123456789012:role/reach';
    const warn = vi.spyOn(logger, 'warn');
    const addContext = vi.spyOn(logger, 'addContext');

    await expect(invoke({ task: { checkId: 'alarms' } })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    expect(warn).toHaveBeenCalledWith('input rejected', {
      error: expect.stringMatching(/"alarms" is not one of the tls family's/),
    });
    expect(addContext).toHaveBeenCalledWith(CONTEXT);
  });
});
