import middy from '@middy/core';
import type { LambdaFunctionURLEventWithIAMAuthorizer, LambdaFunctionURLResult } from 'aws-lambda';
import { S3ReportStore } from '../../aws/report-store';
import { SfnTaskCallbacks } from '../../aws/task-callbacks';
import { SfnWatchExecutions } from '../../aws/watch-executions';
import { fieldsWrittenTwice } from '../../core/control/duplicate-fields';
import { handleControlRequest } from '../../core/control/handle';
import type { ControlPorts } from '../../core/control/ports';
import { type Caller, callerFromIam, UnauthenticatedError } from '../../core/control/principal';
import { badRequest, type ControlResponse } from '../../core/control/response';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import { ControlEnvironment, controlSettings } from './env';

let ports: { key: string; value: ControlPorts } | undefined;

function portsFor(reportBucket: string, watchStateMachineArn: string): ControlPorts {
  const key = `${reportBucket} ${watchStateMachineArn}`;
  if (ports?.key !== key) {
    ports = {
      key,
      value: {
        store: new S3ReportStore(reportBucket),
        tasks: new SfnTaskCallbacks(),
        watches: new SfnWatchExecutions(watchStateMachineArn),
      },
    };
  }
  return ports.value;
}

function reply(response: ControlResponse): LambdaFunctionURLResult {
  return {
    statusCode: response.status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(response.body),
  };
}

function decodeBody(
  event: LambdaFunctionURLEventWithIAMAuthorizer,
): { ok: true; body: unknown; twice: string[] } | { ok: false } {
  const text = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  try {
    const body = JSON.parse(text) as unknown;
    return { ok: true, body, twice: fieldsWrittenTwice(text) };
  } catch {
    return { ok: false };
  }
}

/** The action for the log: one of the endpoint's, else only that it was not one (a body may hold anything). */
function loggedAction(body: unknown): string | undefined {
  const action = (body as { action?: unknown } | null)?.action;
  if (action === undefined) return undefined;
  return action === 'signoff' || action === 'override-window' || action === 'abort'
    ? action
    : '(not an action)';
}

/**
 * The control endpoint (a function URL with AWS_IAM auth): sign-off answers, window overrides and
 * watch aborts. The caller is who AWS authenticated the request as (the authorizer context), never
 * anything in the body.
 */
export async function run(event: LambdaFunctionURLEventWithIAMAuthorizer): Promise<LambdaFunctionURLResult> {
  const env = ControlEnvironment.read();
  if (event.requestContext?.http?.method !== 'POST') {
    return reply({
      status: 405,
      body: { error: 'MethodNotAllowed', message: 'Expected a POST with a JSON body.' },
    });
  }
  let caller: Caller;
  try {
    caller = callerFromIam(event.requestContext.authorizer?.iam);
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    return reply({ status: 403, body: { error: 'Forbidden', message: `${error.message}.` } });
  }
  const decoded = decodeBody(event);
  // JSON keeps only the last of two equal fields: a body read one way by a person and another here is refused.
  const response = !decoded.ok
    ? badRequest([
        { field: '(body)', message: 'got text that is not JSON; expected a JSON object with an action' },
      ])
    : decoded.twice.length > 0
      ? badRequest(
          decoded.twice.map((field) => ({
            field,
            message: 'written twice; expected each field once (JSON keeps only the last)',
          })),
        )
      : await handleControlRequest(
          decoded.body,
          caller,
          controlSettings(),
          portsFor(env.REPORT_BUCKET, env.WATCH_STATE_MACHINE_ARN),
          new Date(),
        );
  // The principal (a role), not the session ARN: session names are often people's names or addresses.
  logger.info('control request', {
    action: decoded.ok ? loggedAction(decoded.body) : undefined,
    principal: caller.principal,
    status: response.status,
  });
  return reply(response);
}

export const handler = middy(run).use(baseMiddleware({ environment: ControlEnvironment }));
