import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../../lambdas/handlers/logger';
import { HANDLER_METADATA_KEY } from '../../lib/preflight-function';
import { synthPreflight } from '../harness/synth';
import { restoreEnvironment, saveEnvironment } from '../support/environment';

/*
 * Every function of the stack, through its Lambda handler as deployed: the base middleware checks the
 * environment before the handler runs, against the very variables the stack sets on that function.
 * With each of them missing, the first invocation fails with EnvironmentError naming every one (so no
 * variable the stack sets goes unchecked, and no handler skips the middleware), logged with the Lambda
 * context; nothing else runs (no AWS client is stubbed here: a call would fail differently).
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface FunctionOfStack {
  readonly entry: string;
  /** The variables the stack sets, but the runtime's own NODE_OPTIONS. */
  readonly variables: readonly string[];
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const context = (entry: string) => ({
  functionName: path.basename(entry, '.ts'),
  awsRequestId: 'req-1',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${path.basename(entry, '.ts')}`,
  memoryLimitInMB: '256',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 60_000,
});

let functions: FunctionOfStack[] = [];
const saved = saveEnvironment();

beforeAll(() => {
  const { template } = synthPreflight({});
  const resources = template.findResources('AWS::Lambda::Function') as Record<
    string,
    { Metadata?: Record<string, string>; Properties: { Environment?: { Variables?: object } } }
  >;
  const byEntry = new Map<string, FunctionOfStack>();
  for (const r of Object.values(resources)) {
    const entry = r.Metadata?.[HANDLER_METADATA_KEY];
    if (entry === undefined) continue;
    const variables = Object.keys(r.Properties.Environment?.Variables ?? {}).filter(
      (v) => v !== 'NODE_OPTIONS',
    );
    byEntry.set(entry, { entry, variables });
  }
  functions = [...byEntry.values()];
});

afterEach(() => {
  vi.restoreAllMocks();
  restoreEnvironment(saved);
});

describe('the base middleware of every handler', () => {
  it('covers every function of the stack', () => {
    // The families' check functions, the audit's, the watch's, the fan-out's, follow-ups, review, control.
    expect(functions.length).toBeGreaterThanOrEqual(20);
    expect(functions.map((f) => f.entry)).toContain('lambdas/handlers/audit/validate-input.ts');
  });

  it('refuses the cold start of each function whose variables are missing, naming each of them', async () => {
    const logged = vi.spyOn(logger, 'error');
    const addContext = vi.spyOn(logger, 'addContext');
    for (const fn of functions) {
      for (const variable of fn.variables) delete process.env[variable];
      logged.mockClear();
      addContext.mockClear();
      const { handler } = (await import(path.join(REPO_ROOT, fn.entry))) as { handler: Handler };
      const lambdaContext = context(fn.entry);
      const error = await handler({}, lambdaContext).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.name, fn.entry).toBe('EnvironmentError');
      for (const variable of fn.variables) {
        expect(error?.message, `${fn.entry}: ${variable}`).toContain(`${variable}: not set`);
      }
      expect(error?.message).toMatch(/deploy it again/);
      // Through the base middleware: the context in the logger, the failure logged one way.
      expect(addContext, fn.entry).toHaveBeenCalledWith(lambdaContext);
      expect(logged, fn.entry).toHaveBeenCalledWith('environment invalid', { error: error?.message });
    }
  });

  it('logs the invalid environment once, with the Lambda context, and refuses a wrong value by what it expects', async () => {
    const entry = 'lambdas/handlers/watch/act.ts';
    process.env.POWERTOOLS_SERVICE_NAME = 'preflight';
    process.env.REPORT_BUCKET = 'reports';
    process.env.HISTORY_TABLE = 'history';
    process.env.HOME_ACCOUNT = '12345';
    process.env.HOME_REGION = 'eu-west-1';
    const logged = vi.spyOn(logger, 'error');
    const addContext = vi.spyOn(logger, 'addContext');
    const { handler } = (await import(path.join(REPO_ROOT, entry))) as { handler: Handler };
    const lambdaContext = context(entry);

    await expect(handler({}, lambdaContext)).rejects.toThrow(
      "The watch act function's environment is not as the stack sets it: HOME_ACCOUNT: expected a 12-digit AWS account id.",
    );
    expect(addContext).toHaveBeenCalledWith(lambdaContext);
    expect(logged).toHaveBeenCalledWith('environment invalid', {
      error: expect.stringMatching(/^The watch act function's environment .*HOME_ACCOUNT/),
    });
  });
});
