import middy from '@middy/core';
import { z } from 'zod';
import { createAwsAccount } from '../../aws/account';
import { DynamoHistoryStore } from '../../aws/history-store';
import { CloudWatchMetrics } from '../../aws/metrics';
import { SnsNotifier } from '../../aws/notifier';
import { resolveChecklist } from '../../core/checklist/resolve';
import { runChecks } from '../../core/checks/run';
import type { PreflightConfig } from '../../core/config/schema';
import { validateConfig } from '../../core/config/validate';
import { FOLLOWUP_CHECKS, FOLLOWUP_DELAYS, followupItems } from '../../core/followups/plan';
import { type FollowupReport, followupReport } from '../../core/followups/report';
import type { HistoryEvent } from '../../core/history/events';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../../core/identifiers';
import { metricIdsOfPlan } from '../../core/watch/fetch';
import { completedUntil } from '../../core/watch/periods';
import { planWatch } from '../../core/watch/plan';
import { resolveWatchConfig } from '../../core/watch/resolve';
import { performanceTrend, type TriggerTrend } from '../../core/watch/trend';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';

const EnvSchema = z.object({
  ALERT_TOPIC_ARN: z.string().startsWith('arn:'),
  HISTORY_TABLE: z.string().min(3),
  /** The configuration's `checks` and `checklist`, as JSON: what the follow-up re-runs and lists. */
  PREFLIGHT_FOLLOWUP_CONFIG: z.string().min(2),
});

const EventSchema = z.object({
  deploymentId: DeploymentIdSchema,
  service: ServiceNameSchema,
  environment: EnvironmentNameSchema,
  decidedAt: z.iso.datetime({ offset: true }),
  delay: z.enum(FOLLOWUP_DELAYS),
});

const account = createAwsAccount();
const metrics = CloudWatchMetrics.create();

const DAY_MS = 86_400_000;

/**
 * The 24-hour performance trend: every watch trigger's median since the deployment against its
 * baseline, from one GetMetricData call. Nothing when the watch's metrics are not configured or the
 * deployment was not watched.
 */
async function trendSinceDeployment(
  config: PreflightConfig,
  deploymentId: string,
  history: readonly HistoryEvent[],
  now: Date,
): Promise<TriggerTrend[]> {
  const started = history.find((e) => e.kind === 'watch-started' && e.deploymentId === deploymentId);
  if (started === undefined || Object.keys(config.watch.metrics).length === 0) return [];
  const watchConfig = resolveWatchConfig(config.watch);
  const plan = planWatch(watchConfig, Date.parse(started.at));
  const untilMs = completedUntil(now.getTime(), plan.ingestionLagMs, plan.periodMs);
  const fetch = await metrics.fetch(
    { fromMs: plan.baselineStartMs, toMs: untilMs, metricIds: metricIdsOfPlan(plan) },
    { metrics: config.watch.metrics, periodSeconds: config.watch.periodSeconds },
  );
  return performanceTrend(plan, fetch, untilMs);
}

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
  const decidedAtMs = Date.parse(request.decidedAt);
  // From a day before the decision: the watch's start (its baseline's end) is within the longest watch.
  const history = await DynamoHistoryStore.create(env.HISTORY_TABLE).between(
    new Date(decidedAtMs - DAY_MS),
    now,
  );
  const since = history.filter((e) => e.at >= request.decidedAt);
  const trends =
    request.delay === '24h' ? await trendSinceDeployment(config, request.deploymentId, history, now) : [];
  const report = followupReport(
    request,
    followupItems(resolveChecklist(config), request.delay),
    results,
    since,
    trends,
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
