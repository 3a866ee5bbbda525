import middy from '@middy/core';
import { DynamoHistoryStore } from '../../aws/history-store';
import { CloudWatchMetrics } from '../../aws/metrics';
import { planWatch } from '../../core/watch/plan';
import { resolveWatchConfig } from '../../core/watch/resolve';
import { nextStepAtMs } from '../../core/watch/schedule';
import { baselineQuery, recordBaseline } from '../../core/watch/start';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import type { StartEvent, StepEvent, WatchRun } from './contract';
import { watchEnvironment } from './env';
import { parseWatchInput, settingsFor } from './settings';

// Created once per execution environment: SDK clients are reused across invocations.
const metrics = CloudWatchMetrics.create();
let history: DynamoHistoryStore | undefined;

/**
 * First state of the watch: rejects bad input at once (InvalidInputError naming the field), plans the
 * watch from the execution's start, records the baseline with one GetMetricData call, and records
 * `watch-started`. Returns what the loop carries.
 */
export async function run(event: StartEvent): Promise<StepEvent> {
  const input = parseWatchInput(event.input);
  const settings = settingsFor(event.config, input);
  const startedAtMs = Date.parse(event.startedAt);
  if (Number.isNaN(startedAtMs))
    throw new InvalidInputError(`startedAt is not an ISO time: ${event.startedAt}`);

  const plan = planWatch(resolveWatchConfig(settings), startedAtMs);
  const watch: WatchRun = {
    runId: event.runId,
    deploymentId: input.deploymentId,
    service: input.service,
    environment: input.environment,
    ...(input.commitTime === undefined ? {} : { commitAt: new Date(input.commitTime).toISOString() }),
    startedAt: new Date(startedAtMs).toISOString(),
    rollback: settings.rollback,
    maxNoDataMinutes: settings.maxNoDataMinutes,
    metrics: settings.metrics,
    periodSeconds: settings.periodSeconds,
    plan,
  };
  const fetch = await metrics.fetch(baselineQuery(plan), watch);
  const state = recordBaseline(plan, fetch);

  history ??= new DynamoHistoryStore(watchEnvironment().HISTORY_TABLE);
  const baseline = Object.fromEntries(
    Object.entries(state.baselines).map(([id, b]) => [
      id,
      { median: b.median, p95: b.p95, sampleCount: b.sampleCount, unusableReason: b.unusableReason },
    ]),
  );
  await history.record({
    kind: 'watch-started',
    id: `${event.runId}#watch-started`,
    at: watch.startedAt,
    service: watch.service,
    environment: watch.environment,
    deploymentId: watch.deploymentId,
    runId: event.runId,
    ...(watch.commitAt === undefined ? {} : { commitAt: watch.commitAt }),
    baseline,
  });
  logger.info('watch started', {
    runId: event.runId,
    deploymentId: watch.deploymentId,
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

export const handler = middy(run);
