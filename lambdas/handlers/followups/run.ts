import middy from '@middy/core';
import { z } from 'zod';
import { createAwsAccount } from '../../aws/account';
import { DynamoHistoryStore } from '../../aws/history-store';
import { SnsNotifier } from '../../aws/notifier';
import { resolveChecklist } from '../../core/checklist/resolve';
import { runChecks } from '../../core/checks/run';
import { validateConfig } from '../../core/config/validate';
import { FOLLOWUP_DELAYS, followupItems } from '../../core/followups/plan';
import { type FollowupReport, followupReport } from '../../core/followups/report';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';

const EnvSchema = z.object({
  ALERT_TOPIC_ARN: z.string().startsWith('arn:'),
  HISTORY_TABLE: z.string().min(3),
  /** The configuration's `checks` and `checklist`, as JSON: what the follow-up re-runs and lists. */
  PREFLIGHT_FOLLOWUP_CONFIG: z.string().min(2),
});

const EventSchema = z.object({
  deploymentId: z.string().min(1),
  service: z.string().min(1),
  environment: z.string().min(1),
  decidedAt: z.iso.datetime({ offset: true }),
  delay: z.enum(FOLLOWUP_DELAYS),
});

/** Checks a follow-up re-runs: alarms still functional, backups still fresh and restorable. */
const FOLLOWUP_CHECKS = ['alarms', 'database-backups'] as const;

const account = createAwsAccount();

/** One follow-up of a deployment: re-run the checks, look at what happened since, tell people. */
export async function run(
  event: unknown,
  now: Date = new Date(),
): Promise<Pick<FollowupReport, 'status' | 'subject'>> {
  const env = EnvSchema.parse(process.env);
  const parsed = EventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidInputError(
      `Invalid follow-up: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const request = parsed.data;
  const config = validateConfig(JSON.parse(env.PREFLIGHT_FOLLOWUP_CONFIG), 'the follow-up configuration');
  const checkIds = FOLLOWUP_CHECKS.filter((id) => config.checks[id].enabled);
  const results = await runChecks(account, config, now, { checkIds });
  const since = await DynamoHistoryStore.create(env.HISTORY_TABLE).between(new Date(request.decidedAt), now);
  const report = followupReport(
    request,
    followupItems(resolveChecklist(config), request.delay),
    results,
    since,
  );
  await new SnsNotifier(env.ALERT_TOPIC_ARN).publishPerProtocol(report.subject, report.email, report.sms);
  logger.info('follow-up done', {
    deploymentId: request.deploymentId,
    delay: request.delay,
    status: report.status,
  });
  return { status: report.status, subject: report.subject };
}

export const handler = middy((event: unknown) => run(event));
