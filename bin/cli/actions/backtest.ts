import * as path from 'node:path';
import type { PreflightConfig } from '../../../lambdas/core/config/schema';
import type { WatchSettings } from '../../../lambdas/core/config/watch-schema';
import { ownEntry } from '../../../lambdas/core/own';
import { resolveTarget, TargetError } from '../../../lambdas/core/services/resolve';
import { MetricCsvError, readMetricCsvHeader, readMetricCsvLine } from '../../../lambdas/core/watch/csv';
import type { Datapoint } from '../../../lambdas/core/watch/model';
import { baselineWindowText } from '../../../lambdas/core/watch/notification';
import { metricIdsOfTrigger } from '../../../lambdas/core/watch/period-reading';
import { coarserStepMs } from '../../../lambdas/core/watch/periods';
import { publishingInterval } from '../../../lambdas/core/watch/publishing-interval';
import {
  inAnyRange,
  type ReplayResult,
  replayRange,
  replayWatch,
  sliceSorted,
} from '../../../lambdas/core/watch/replay';
import { resolveWatchConfig } from '../../../lambdas/core/watch/resolve';
import { watchSettingsProblems } from '../../../lambdas/core/watch/settings-problems';
import type { ReplayedDeployment } from '../backtest';
import { loadConfig } from '../config';
import { EXIT } from '../exit-codes';
import { forEachLine, LineTooLongError } from '../line-reader';
import { sentence, UsageError } from '../usage-error';

interface BacktestOptions {
  config?: string;
  service?: string;
  env?: string;
  metrics: string;
  at: ReplayedDeployment[];
  json?: boolean;
}

/** The longest CSV line read: a timestamp and a number fit many times over. */
const MAX_LINE_CHARS = 1000;

/**
 * Reads `<dir>/<id>.csv` for every metric id, line by line, keeping only the datapoints some replay
 * reads (`wanted`): memory follows the deployments asked about, not the length of the history.
 * A missing or unreadable file, or an unreadable line, is bad input. Each series comes back sorted
 * by time, same-timestamp datapoints in file order.
 */
function readSeries(
  dir: string,
  usedBy: ReadonlyMap<string, string>,
  wanted: (timestampMs: number) => boolean,
): Record<string, Datapoint[]> {
  const series: Record<string, Datapoint[]> = {};
  for (const [id, trigger] of usedBy) {
    const file = path.join(dir, `${id}.csv`);
    const points: Datapoint[] = [];
    let lines = 0;
    try {
      forEachLine(file, MAX_LINE_CHARS, (line, lineNumber) => {
        lines = lineNumber;
        if (lineNumber === 1) return readMetricCsvHeader(line, file);
        const point = readMetricCsvLine(line, lineNumber, file);
        if (point !== null && wanted(point.timestamp)) points.push(point);
      });
    } catch (error) {
      if (error instanceof MetricCsvError) throw error;
      if (error instanceof LineTooLongError) {
        throw new MetricCsvError(
          `${file}:${error.lineNumber}: the line is longer than ${error.maxChars} characters`,
        );
      }
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new MetricCsvError(
        `${missing ? 'missing' : 'cannot read'} metric file ${file} for metric id "${id}" (used by trigger "${trigger}"): ${(error as Error).message}`,
      );
    }
    if (lines === 0) readMetricCsvHeader('', file);
    series[id] = points.sort((a, b) => a.timestamp - b.timestamp);
  }
  return series;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The statistical judges' verdicts of one run, for triggers that have one. */
function judgesOf(result: ReplayResult) {
  return result.outcomes.flatMap((o) =>
    o.verdict === null
      ? []
      : [
          {
            trigger: o.triggerId,
            rule: o.verdict.rule,
            shadow: o.verdict.shadow,
            agrees: o.verdict.agrees,
            statistic: o.verdict.statistic,
            pValue: o.verdict.pValue,
            effect: o.verdict.effect,
            vetoes: o.vetoes,
            reason: o.verdict.reason,
          },
        ],
  );
}

/** One line per judge under its run: what it found, deciding or in shadow. */
function judgeLines(result: ReplayResult): string[] {
  return judgesOf(result).map(
    (j) =>
      `  ${j.shadow ? 'shadow judge' : 'judge'} ${j.trigger}: ${j.reason}${j.vetoes > 0 ? `; overruled the threshold rule ${j.vetoes} time(s)` : ''}`,
  );
}

type Run = ReplayedDeployment & { readonly result: ReplayResult };

/** Under a run replayed from its deployment's start: the baseline window that start ended. */
function baselineLines(run: Run): string[] {
  if (run.deploymentStartedAtMs === undefined) return [];
  return [
    `  baseline ${baselineWindowText({ ...run.result.baseline, deploymentStartedAtMs: run.deploymentStartedAtMs })}`,
  ];
}

function renderRuns(runs: readonly Run[]): string {
  const rows = runs.map(({ deployedAtMs, result }) => [
    iso(deployedAtMs) ?? '',
    result.decision,
    iso(result.decidedAtMs) ?? '-',
    result.triggerId ?? '-',
    result.reason,
  ]);
  const header = ['deployed at', 'decision', 'decided at', 'trigger', 'reason'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i < 4 ? (r[i] ?? '').length : 0))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  const counts = ['PROCEED', 'ROLLBACK', 'INCONCLUSIVE']
    .map((d) => `${runs.filter((r) => r.result.decision === d).length} ${d}`)
    .join(', ');
  const body = rows.flatMap((row, index) => {
    const run = runs[index];
    return [line(row), ...(run === undefined ? [] : [...baselineLines(run), ...judgeLines(run.result)])];
  });
  return `${[line(header), ...body].join('\n')}\n\n${runs.length} deployments: ${counts}\n`;
}

/**
 * The watch settings to replay: the service's in the environment with `--service`/`--env` (its own
 * triggers; an unknown service or environment is a usage error), else the top-level `watch` settings.
 */
function watchSettingsFor(config: PreflightConfig, options: BacktestOptions): WatchSettings {
  if (options.service === undefined && options.env === undefined) return config.watch;
  try {
    return resolveTarget(config, {
      ...(options.service === undefined ? {} : { service: options.service }),
      ...(options.env === undefined ? {} : { environment: options.env }),
    }).watch;
  } catch (error) {
    if (error instanceof TargetError) throw new UsageError(sentence(`--service/--env: ${error.message}`));
    throw error;
  }
}

/** Runs `preflight backtest`: what would the watch have decided had a deployment started at each time? */
export function runBacktestCommand(options: BacktestOptions): void {
  const settings = watchSettingsFor(loadConfig(options.config).config, options);
  // The watch refuses these at its start; a replay of them would tune a rule that cannot run.
  const problems = watchSettingsProblems(settings);
  if (problems.length > 0) {
    throw new UsageError(sentence(problems.map((p) => `watch.${p.key}: ${p.message}`).join('; ')));
  }
  const config = resolveWatchConfig(settings);
  const usedBy = new Map<string, string>();
  for (const trigger of config.triggers) {
    for (const id of metricIdsOfTrigger(trigger)) if (!usedBy.has(id)) usedBy.set(id, trigger.id);
  }
  let series: Record<string, Datapoint[]>;
  try {
    series = readSeries(
      options.metrics,
      usedBy,
      inAnyRange(options.at.map((at) => replayRange(config, at.deployedAtMs, at.deploymentStartedAtMs))),
    );
  } catch (error) {
    if (!(error instanceof MetricCsvError)) throw error;
    process.stderr.write(`preflight backtest: ${error.message}\n`);
    process.exitCode = EXIT.ERROR;
    return;
  }
  const periodMs = config.periodSeconds * 1000;
  for (const [id, points] of Object.entries(series)) {
    const interval = publishingInterval(points, periodMs);
    if (interval !== null) {
      const periods = interval.everyMs / periodMs;
      const how =
        (ownEntry(config.aggregation, id) ?? 'average') === 'sum'
          ? `its count divided among them (${periods} periods of the count / ${periods})`
          : 'its value in each';
      process.stderr.write(
        `note: ${id}: one datapoint every ${interval.everyMs / 1000} s, coarser than the watch's ${config.periodSeconds}-second period: each is read over the ${periods} periods it covers, ${how}, as the watch reads a metric published at that interval\n`,
      );
      continue;
    }
    const step = coarserStepMs(points, periodMs);
    if (step === null) continue;
    process.stderr.write(
      `note: ${id}: datapoints ${step / 1000} s apart at most times, coarser than the watch's ${config.periodSeconds}-second period and irregular: each is read as one period's value (a count over ${step / 1000} s as a count per period) and the periods between stay empty; export at the watch's period, or set watch.periodSeconds to ${step / 1000}\n`,
    );
  }
  const runs: Run[] = options.at.map((at) => {
    const { fromMs, toMs } = replayRange(config, at.deployedAtMs, at.deploymentStartedAtMs);
    const own = Object.fromEntries(
      Object.entries(series).map(([id, points]) => [id, sliceSorted(points, fromMs, toMs)]),
    );
    return { ...at, result: replayWatch({ config, ...at, series: own }) };
  });
  for (const { deployedAtMs, result } of runs) {
    for (const [id, count] of Object.entries(result.duplicates).filter(([, n]) => n > 0)) {
      process.stderr.write(
        `note: ${iso(deployedAtMs)}: ${id} had ${count} repeated timestamp(s); the last value of each was used once\n`,
      );
    }
  }
  if (options.json) {
    const json = runs.map(({ deployedAtMs, deploymentStartedAtMs, result }) => ({
      deployedAt: iso(deployedAtMs),
      ...(deploymentStartedAtMs === undefined ? {} : { deploymentStartedAt: iso(deploymentStartedAtMs) }),
      decision: result.decision,
      decidedAt: iso(result.decidedAtMs),
      trigger: result.triggerId,
      reason: result.reason,
      baseline: { from: iso(result.baseline.fromMs), to: iso(result.baseline.toMs) },
      ...(judgesOf(result).length === 0 ? {} : { judges: judgesOf(result) }),
    }));
    process.stdout.write(`${JSON.stringify({ runs: json }, null, 2)}\n`);
  } else {
    process.stdout.write(renderRuns(runs));
  }
  process.exitCode = EXIT.PASS;
}
