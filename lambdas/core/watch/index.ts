/*
 * The deployment watch's decision core. A state machine runs it as:
 *   plan = planWatch(resolveWatchConfig(config.watch), deployedAtMs)
 *   state = recordBaseline(plan, fetch(baselineQuery(plan)))
 *   loop every period: query = nextQuery(plan, state, now);
 *     { state, decision, outcomes, escalate } = evaluateStep(plan, state, { fetch: query && fetch(query), nowMs: now, abort })
 *   until decision.kind !== 'CONTINUE'.
 * `replayWatch` does exactly that over recorded history (backtest, benchmarks).
 */
export { manualAbort } from './abort';
export { parseMetricCsv, parseTimestamp } from './csv';
export { DEFAULT_TRIGGERS } from './defaults';
export { evaluateStep, nextQuery, type StepInput } from './evaluate';
export type * from './model';
export { ABORT_REASONS, TRIGGER_STATUSES } from './model';
export { planWatch, type WatchConfig } from './plan';
export { type ReplayInput, type ReplayResult, replayWatch } from './replay';
export { resolveTriggers, resolveWatchConfig, unmappedMetrics } from './resolve';
export { baselineQuery, recordBaseline } from './start';
