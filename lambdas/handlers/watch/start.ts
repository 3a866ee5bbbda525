import middy from '@middy/core';
import { DynamoHistoryStore } from '../../aws/history-store';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { WatchMetrics } from '../../aws/watch-metrics';
import { executionName } from '../../core/execution-name';
import { followupSettings } from '../../core/followups/settings';
import { watchStartedEvent } from '../../core/history/from-watch';
import { WatchTargetSettingsSchema } from '../../core/services/target-settings';
import { accountOf } from '../../core/watch/environment-account';
import { planWatch } from '../../core/watch/plan';
import { resolveWatchConfig } from '../../core/watch/resolve';
import { nextStepAtMs } from '../../core/watch/schedule';
import { baselineQuery, recordBaseline } from '../../core/watch/start';
import { InvalidInputError, invalidInput } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { StartEvent, StepEvent, WatchRun } from './contract';
import { WatchEnvironment } from './env';
import { parseWatchInput, targetFor } from './settings';
import { where } from './where';

// Created once per execution environment: clients are kept per environment and region.
const metrics = new WatchMetrics();
let history: DynamoHistoryStore | undefined;
let store: S3ReportStore | undefined;

/**
 * First state of the watch: rejects bad input at once (InvalidInputError naming the field: an unknown
 * service or environment included), resolves the service's watch in the environment from the
 * watch's slice of the configuration (`settings`, a literal of the definition), plans the watch from the execution's start, records the baseline with one
 * GetMetricData call in the service's account and region, keeps the follow-up settings and records
 * `watch-started`. Returns what the loop carries.
 */
export async function run(event: StartEvent): Promise<StepEvent> {
  const startedAtMs = Date.parse(event.startedAt);
  if (Number.isNaN(startedAtMs))
    throw new InvalidInputError(`startedAt is not an ISO time: ${event.startedAt}`);
  const input = parseWatchInput(event.input, startedAtMs);
  // The execution's name is set by Step Functions and unique per state machine: named by the
  // deployment id, it makes one watch per deployment id, whose records (follow-up settings,
  // decision, rollback marker, kept under that id) no other watch can overwrite.
  const expectedName = executionName(input.deploymentId);
  if (event.runId !== expectedName) {
    throw new InvalidInputError(
      `The execution is named ${JSON.stringify(event.runId)}, not by its deployment id: a watch of deployment ${JSON.stringify(input.deploymentId)} must be started as execution ${JSON.stringify(expectedName)} (preflight watch start names it so), so that one watch per deployment id keeps its records`,
    );
  }
  // The watch's slice of the configuration, written into the definition at synth time.
  const parsed = WatchTargetSettingsSchema.safeParse(event.settings);
  if (!parsed.success) {
    throw invalidInput(
      'watch settings',
      parsed.error.issues.map((issue) => ({ ...issue, path: ['settings', ...issue.path] })),
    );
  }
  const config = parsed.data;
  const { target, settings } = targetFor(config, input, startedAtMs);

  const deploymentStartedAtMs =
    input.deploymentStartedAt === undefined ? undefined : Date.parse(input.deploymentStartedAt);
  const plan = planWatch(resolveWatchConfig(settings), startedAtMs, deploymentStartedAtMs);
  const watch: WatchRun = {
    runId: event.runId,
    deploymentId: input.deploymentId,
    service: input.service,
    environment: input.environment,
    ...where(accountOf(target.environment), target.watchRegion),
    reach: target.environment,
    ...(input.commitTime === undefined ? {} : { commitAt: new Date(input.commitTime).toISOString() }),
    startedAt: new Date(startedAtMs).toISOString(),
    ...(deploymentStartedAtMs === undefined
      ? {}
      : { deploymentStartedAt: new Date(deploymentStartedAtMs).toISOString() }),
    rollback: settings.rollback,
    maxNoDataMinutes: settings.maxNoDataMinutes,
    metrics: settings.metrics,
    periodSeconds: settings.periodSeconds,
    plan,
  };
  const fetch = await metrics.fetch({ environment: watch.reach, region: watch.region }, baselineQuery(plan), {
    metrics: watch.metrics,
    periodSeconds: watch.periodSeconds,
  });
  const state = recordBaseline(plan, fetch);

  const env = WatchEnvironment.read();
  store ??= new S3ReportStore(env.REPORT_BUCKET);
  await store.putJson(reportKeys.watchFollowup(watch.deploymentId), followupSettings(config, target, watch));
  history ??= new DynamoHistoryStore(env.HISTORY_TABLE);
  await history.record(
    watchStartedEvent(
      {
        runId: event.runId,
        service: watch.service,
        environment: watch.environment,
        deploymentId: watch.deploymentId,
        ...where(watch.account, watch.region),
      },
      watch.startedAt,
      state,
      watch.commitAt,
    ),
  );
  logger.info('watch started', {
    runId: event.runId,
    deploymentId: watch.deploymentId,
    account: watch.account,
    region: watch.region,
    triggers: plan.triggers.map((t) => t.id),
    baselineErrors: Object.keys(fetch.errors),
  });
  return {
    watch,
    step: {
      state,
      nextStepAt: new Date(nextStepAtMs(plan, startedAtMs)).toISOString(),
      decision: { kind: 'CONTINUE', triggerId: null, reason: 'watching', decidedAtMs: null, abort: null },
      escalate: false,
      summary: [],
    },
  };
}

export const handler = middy(run).use(baseMiddleware({ environment: WatchEnvironment }));
