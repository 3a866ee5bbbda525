import middy from '@middy/core';
import { accountOf } from '../../aws/account-groups';
import { createAwsAlarmsPorts } from '../../aws/alarms';
import { createAwsBackupsPorts } from '../../aws/backups';
import type { AwsClientOptions } from '../../aws/client-config';
import { EnvironmentClients } from '../../aws/environment-clients';
import { DynamoHistoryStore } from '../../aws/history-store';
import { SnsNotifier } from '../../aws/notifier';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { createAwsScopePorts } from '../../aws/scope';
import { WatchMetrics } from '../../aws/watch-metrics';
import { resolveChecklist } from '../../core/checklist/resolve';
import { alarmChecks } from '../../core/checks/alarms/definitions';
import { backupChecks } from '../../core/checks/backups/definitions';
import { runDefinition } from '../../core/checks/run-definition';
import type { AccountPorts, CheckDefinition } from '../../core/checks/types';
import { mapWithConcurrency } from '../../core/concurrency';
import { GateSettingsSchema } from '../../core/config/gate-schema';
import type { CheckId } from '../../core/config/schema';
import { AwsCallError, EnvironmentAccessError, explainError } from '../../core/errors';
import type { CheckResult } from '../../core/findings';
import { FOLLOWUP_CHECKS, FOLLOWUP_DELAYS, followupItems } from '../../core/followups/plan';
import { type FollowupReport, followupReport } from '../../core/followups/report';
import {
  type FollowupConfig,
  FollowupConfigSchema,
  type FollowupSettings,
  FollowupSettingsSchema,
} from '../../core/followups/settings';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../../core/identifiers';
import { applyMutes } from '../../core/mutes/apply';
import type { ServiceTarget } from '../../core/services/target';
import { metricIdsOfPlan } from '../../core/watch/fetch';
import { completedUntil } from '../../core/watch/periods';
import { planWatch } from '../../core/watch/plan';
import { resolveWatchConfig, unmappedMetrics } from '../../core/watch/resolve';
import { performanceTrend, type TriggerTrend } from '../../core/watch/trend';
import * as z from '../../core/zod';
import { invalidInput } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import { FollowupEnvironment } from './env';

const EventSchema = z.strictObject({
  deploymentId: DeploymentIdSchema,
  service: ServiceNameSchema,
  environment: EnvironmentNameSchema,
  decidedAt: z.iso.datetime({ offset: true }),
  delay: z.enum(FOLLOWUP_DELAYS),
});

/** The deployment's follow-up settings are missing, unreadable, or for another deployment. */
export class FollowupSettingsError extends Error {
  override readonly name = 'FollowupSettingsError';
}

// Kept per environment and region, like the watch's: the checks run where the service runs.
/**
 * The ports of the checks a follow-up re-runs (FOLLOWUP_CHECKS: alarms, database backups) and the
 * scope's, so the function bundles no other SDK client; another check would be an ERROR (MissingPortsError).
 */
const FOLLOWUP_GROUPS = {
  alarms: createAwsAlarmsPorts,
  backups: createAwsBackupsPorts,
  scope: createAwsScopePorts,
};
const accounts = new EnvironmentClients(
  (options: AwsClientOptions) => accountOf(FOLLOWUP_GROUPS, options),
  'followup',
);
const metrics = new WatchMetrics();

/** The settings the deployment's watch kept, checked against the follow-up it is for. */
async function settingsOf(
  store: S3ReportStore,
  request: z.output<typeof EventSchema>,
): Promise<{ settings: FollowupSettings; config: FollowupConfig }> {
  const key = reportKeys.watchFollowup(request.deploymentId);
  const stored = await store.getJson<unknown>(key);
  if (stored === undefined) {
    throw new FollowupSettingsError(
      `no follow-up settings at ${key}: deployment ${request.deploymentId} was not watched by this stack`,
    );
  }
  const parsed = FollowupSettingsSchema.safeParse(stored);
  if (!parsed.success) {
    throw new FollowupSettingsError(
      `the follow-up settings at ${key} are not valid: ${parsed.error.message}`,
    );
  }
  const settings = parsed.data;
  if (settings.service !== request.service || settings.environment !== request.environment) {
    throw new FollowupSettingsError(
      `the follow-up settings at ${key} are for ${settings.service} in ${settings.environment}, not ${request.service} in ${request.environment}`,
    );
  }
  // Validated again as what it is: the service's checks, checklist, watch and mutes, each by its
  // section's schema, and every metric an enabled trigger uses mapped (as the watch required).
  const config = FollowupConfigSchema.safeParse(settings.config);
  if (!config.success) {
    throw new FollowupSettingsError(
      `the follow-up settings at ${key} are not valid: ${config.error.issues.map((i) => `config.${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const unmapped =
    Object.keys(config.data.watch.metrics).length === 0 ? [] : [...unmappedMetrics(config.data.watch)];
  if (unmapped.length > 0) {
    throw new FollowupSettingsError(
      `the follow-up settings at ${key} are not valid: ${unmapped.map(([metric, trigger]) => `config.watch.metrics: no definition for metric id "${metric}", used by trigger "${trigger}"`).join('; ')}`,
    );
  }
  return { settings, config: config.data };
}

/** The gate's settings a follow-up works with: the defaults (a service's follow-ups run no gate). */
const GATE = GateSettingsSchema.parse({});

/** Every check ERROR, with the reason, when the environment cannot be reached at all. */
function unreachable(checkIds: readonly CheckId[], error: Error, now: Date): CheckResult[] {
  const { message, remediation, code } = explainError(error);
  return checkIds.map((checkId) => ({
    checkId,
    findings: [
      { checkId, rule: 'run', resource: '*', status: 'ERROR', message, remediation, evidence: { code } },
    ],
    startedAt: now.toISOString(),
    durationMs: 0,
  }));
}

/** The service the deployment's watch was of, as the checks judge it: its resources, its settings. */
function serviceTarget(settings: FollowupSettings, config: FollowupConfig): ServiceTarget {
  return {
    service: settings.service,
    implicit: settings.resources === undefined,
    environment: settings.reach,
    ...(settings.resources === undefined ? {} : { resources: settings.resources }),
    checks: config.checks,
    watch: config.watch,
    ...(settings.region === undefined ? {} : { watchRegion: settings.region }),
    signoffs: GATE.signoffs,
    accountFindings: GATE.accountFindings,
  };
}

/**
 * The definitions of the checks a follow-up re-runs, taken from their families rather than the
 * registry: the function bundles no other family's rules.
 */
const FOLLOWUP_DEFINITIONS: { readonly [Id in (typeof FOLLOWUP_CHECKS)[number]]: CheckDefinition<Id> } = {
  alarms: alarmChecks.alarms,
  'database-backups': backupChecks['database-backups'],
};

/** The alarm and backup checks with the service's settings, on its resources, in its account and region. */
async function recheck(
  settings: FollowupSettings,
  config: FollowupConfig,
  now: Date,
): Promise<CheckResult[]> {
  const checkIds = FOLLOWUP_CHECKS.filter((id) => config.checks[id].enabled);
  let account: AccountPorts;
  try {
    account = await accounts.get(settings.reach, settings.region);
  } catch (error) {
    if (error instanceof EnvironmentAccessError || error instanceof AwsCallError) {
      return unreachable(checkIds, error, now);
    }
    throw error;
  }
  const target = serviceTarget(settings, config);
  return mapWithConcurrency(checkIds, GATE.concurrency, (id) =>
    runDefinition(FOLLOWUP_DEFINITIONS[id] as CheckDefinition, account, config, now, {
      target,
      ...(settings.region === undefined ? {} : { region: settings.region }),
    }),
  );
}

/**
 * The 24-hour performance trend: every trigger of the service's watch, its median since the
 * deployment against its baseline, from one GetMetricData call in the service's account and region.
 * Nothing when the watch's metrics are not configured.
 */
async function trendSinceDeployment(
  settings: FollowupSettings,
  config: FollowupConfig,
  now: Date,
): Promise<TriggerTrend[]> {
  if (Object.keys(config.watch.metrics).length === 0) return [];
  const deploymentStartedAtMs =
    settings.deploymentStartedAt === undefined ? undefined : Date.parse(settings.deploymentStartedAt);
  const plan = planWatch(
    resolveWatchConfig(config.watch),
    Date.parse(settings.startedAt),
    deploymentStartedAtMs,
  );
  const untilMs = completedUntil(now.getTime(), plan.ingestionLagMs, plan.periodMs);
  const fetch = await metrics.fetch(
    { environment: settings.reach, region: settings.region },
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
  const env = FollowupEnvironment.read();
  const parsed = EventSchema.safeParse(event);
  if (!parsed.success) throw invalidInput('follow-up', parsed.error.issues);
  const request = parsed.data;
  const { settings, config } = await settingsOf(new S3ReportStore(env.REPORT_BUCKET), request);
  // The configuration's mutes hold here as in the gate: a muted failure does not fail the follow-up.
  const results = applyMutes(await recheck(settings, config, now), config.mutes, now);
  const history = await DynamoHistoryStore.create(env.HISTORY_TABLE).between(
    new Date(request.decidedAt),
    now,
  );
  const since = history.filter((e) => e.at >= request.decidedAt);
  const trends = request.delay === '24h' ? await trendSinceDeployment(settings, config, now) : [];
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
    account: settings.account,
    region: settings.region,
    status: report.status,
  });
  return { status: report.status, subject: report.subject };
}

export const handler = middy((event: unknown) => run(event)).use(
  baseMiddleware({ environment: FollowupEnvironment }),
);
