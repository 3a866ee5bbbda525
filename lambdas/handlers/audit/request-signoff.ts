import middy from '@middy/core';
import { SnsNotifier } from '../../aws/notifier';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import type { SignoffRequestRecord } from '../../core/control/records';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { SignoffRequestEvent } from './contract';
import { RequestSignoffEnvironment } from './env';

let store: S3ReportStore | undefined;
let notifier: SnsNotifier | undefined;

/**
 * Asks one role to sign off. The task token is stored in the role's request record, which only the
 * control function may read (bucket policy); people answer through the control endpoint
 * (`preflight approve`), which checks who they are against `gate.signoffs.approvers`. The message
 * never carries the token. The state machine then waits until an answer or the timeout.
 */
export async function run(event: SignoffRequestEvent): Promise<{ requestKey: string }> {
  const env = RequestSignoffEnvironment.read();
  store ??= new S3ReportStore(env.REPORT_BUCKET);
  notifier ??= new SnsNotifier(env.ALERT_TOPIC_ARN);
  const requestKey = reportKeys.signoffRequest(event.runId, event.role);
  const requestedAt = new Date().toISOString();
  const record: SignoffRequestRecord = {
    runId: event.runId,
    service: event.service,
    environment: event.environment,
    role: event.role,
    label: event.label,
    requestedAt,
    reportLocation: event.reportLocation,
    taskToken: event.taskToken,
  };
  await store.putJson(requestKey, record);
  await notifier.publish(
    `Preflight sign-off requested: ${event.role} for ${event.label}`,
    [
      `The gate for ${event.label} passed its checks and waits for the ${event.role}'s sign-off`,
      `(run ${event.runId}, for up to ${event.timeoutMinutes} minutes).`,
      '',
      `Report: ${event.reportLocation}`,
      '',
      'To answer, in your clone of Preflight (with PREFLIGHT_CONTROL_URL set to the stack output ControlUrl):',
      `  npx --no-install preflight approve --run ${event.runId} --role "${event.role}"`,
      `  npx --no-install preflight approve --run ${event.runId} --role "${event.role}" --reject --reason "why"`,
    ].join('\n'),
  );
  logger.info('sign-off requested', { runId: event.runId, role: event.role, requestKey });
  return { requestKey };
}

export const handler = middy(run).use(baseMiddleware({ environment: RequestSignoffEnvironment }));
