import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigSchema } from '../lambdas/core/config/schema';
import { PROJECT_ROOT } from '../lib/preflight-function';
import { synthPreflight } from '../test/harness/synth';
import { type AuditBenchResult, auditBench, LATENCY_MS } from './audit/bench';
import { API_RATES } from './audit/rates';
import {
  type CostResult,
  dailyAuditCost,
  fanoutCost,
  PRICE_LINES,
  PRICES,
  quarterlyReviewCost,
  watchHourCost,
} from './cost';
import { type FanoutBenchResult, fanoutBench } from './fanout/bench';
import { lambdaBench } from './lambdas';
import { type CliStartup, cliStartup } from './project/cli';
import { synthTimes, type TestRun, vitestRun } from './project/synth-and-test';
import { definitionOf, functionsOf, pathTransitions, watchLoop } from './project/template';
import { dollars, formatSpread, mebibytes, seconds, spread } from './support/stats';
import { type Section, toMarkdown, toText } from './support/table';
import { type DelayRow, detectionDelays, metricQueriesPerHour, OFFSETS_SECONDS } from './watch/delay';
import { falseRollbacks } from './watch/false-rollbacks';
import { recallSection } from './watch/recall-table';

/*
 * `npm run bench`: one table of what Preflight costs and how fast it decides, each figure beside the
 * naive approach, written to bench/results/latest.md and latest.json. `--quick` skips the test suite
 * and repeats less. See bench/README.md for how to read it.
 */

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
/** `--watch`: the watch's decision tables only (seconds), written to watch-latest.md/json. */
const WATCH_ONLY = args.includes('--watch');
const REPEATS = QUICK ? 1 : 3;
const INIT_RUNS = QUICK ? 5 : 15;
const CLI_RUNS = QUICK ? 3 : 9;
const COMPARE_SCALE = 0.05;
const RESULTS = path.join(PROJECT_ROOT, 'bench', 'results');

/** The check functions: one per family, or the one that ran every check before. */
const CHECK_FUNCTIONS = 'check functions';
const CHECK_ENTRY = /^lambdas\/handlers\/audit\/(run-check\.ts$|checks\/)/;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const fmtDelay = (values: readonly (number | null)[]) => {
  const hit = values.filter((v): v is number => v !== null);
  const missed = values.length - hit.length;
  if (hit.length === 0) return 'no rollback';
  return `${formatSpread(spread(hit), (s) => `${s.toFixed(0)} s`)}${missed ? `, ${missed} missed` : ''}`;
};

function auditSection(audit: AuditBenchResult): Section {
  const s = audit.size;
  const rows = audit.checks.map((c) => [
    c.checkId,
    `${c.oursCalls}${c.oursThrottled ? ` (${c.oursThrottled} throttled)` : ''}`,
    String(c.lowerBound),
    String(c.naiveCalls),
    c.naiveCalls && c.oursCalls ? `${(c.naiveCalls / c.oursCalls).toFixed(1)}x` : '-',
    seconds(c.oursWallMs),
    `${seconds(c.compareOursWallMs)} / ${seconds(c.compareNaiveWallMs)}`,
    c.sameFindings ? 'yes' : 'NO',
  ]);
  const a = audit.audit;
  rows.push([
    'whole audit (runChecks, concurrency 4)',
    formatSpread(a.calls, (n) => n.toFixed(0)),
    String(audit.checks.reduce((sum, c) => sum + c.lowerBound, 0)),
    String(audit.checks.reduce((sum, c) => sum + c.naiveCalls, 0)),
    '',
    formatSpread(a.wallMs, seconds),
    '',
    '',
  ]);
  return {
    title: `Audit efficiency: ${s.secrets} secrets, ${s.certificates} certificates, ${s.alarms} alarms on ${s.topics} topics, ${s.rdsInstances + s.rdsClusters + s.dynamoTables} databases, ${s.parameters} parameters, ${s.iamUsers} IAM users`,
    header: [
      'check',
      'API calls (ours)',
      'lower bound',
      'API calls (naive)',
      'naive/ours',
      `wall (ours, ${LATENCY_MS} ms/call, throttled)`,
      `wall at ${COMPARE_SCALE} size: ours / naive`,
      'same findings',
    ],
    rows,
    notes: [
      `Peak memory of the whole audit (child process): RSS ${formatSpread(a.maxRssBytes, mebibytes)} (${formatSpread(a.startRssBytes, mebibytes)} before it started, modules loaded); V8 heap used ${formatSpread(a.peakHeapBytes, mebibytes)}.`,
      'Real SDK clients (adaptive retry, 8 attempts) against a local endpoint speaking each protocol: Secrets Manager, ACM, SSM (JSON 1.1), CloudWatch, DynamoDB (JSON 1.0), AWS Backup (REST-JSON), RDS, SNS, IAM, STS (Query/XML). All services covered.',
      'Lower bound: pages of the list calls at the largest page size, plus the per-resource calls no list carries (DynamoDB PITR, ACM renewal inside the 60-day window, IAM keys per user and last use per key, SNS subscriptions per targeted topic).',
      `Naive: list names, then one describe per resource (DescribeSecret, DescribeCertificate, DescribeAlarms by name, DescribeDBInstances/Clusters by id, DescribeTable, ListBackupJobs per database), 5 in flight; naive calls counted at full size without latency; wall times side by side at ${COMPARE_SCALE} of the size (${audit.compareSize.secrets} secrets, ${audit.compareSize.certificates} certificates, ${audit.compareSize.alarms} alarms...), where ours made ${audit.checks.reduce((n, c) => n + c.compareOursCalls, 0)} calls and naive ${audit.checks.reduce((n, c) => n + c.compareNaiveCalls, 0)}.`,
      `Rates (token bucket per operation, burst one second): ${Object.entries(API_RATES)
        .map(([k, r]) => `${k} ${r.perSecond}/s (${r.source})`)
        .join('; ')}.`,
    ],
  };
}

function fanoutSection(f: FanoutBenchResult): Section {
  const calls = f.fanout.calls;
  const op = (name: string) => calls.byOperation[name] ?? 0;
  const loop = f.sequential.extrapolated
    ? `${seconds(f.sequential.wallMs)} (estimated: ${f.sequential.measured} targets timed, each size's mean times its count)`
    : `${seconds(f.sequential.wallMs)} (all ${f.targets} timed)`;
  return {
    title: `Scheduled audit across an organization: ${f.accounts} accounts × ${f.regions} regions (${f.targets} targets), MaxConcurrency ${f.maxConcurrency}`,
    header: ['measure', 'value', 'how'],
    rows: [
      [
        'fan-out wall time, measured here',
        formatSpread(f.fanout.wallMs, seconds),
        `list the OU (${seconds(f.fanout.listMs)}), every target at most MaxConcurrency at once, summary; the children share this machine's ${f.workers} cores (load average ${f.fanout.load[0].toFixed(1)} → ${f.fanout.load[1].toFixed(1)})`,
      ],
      [
        'fan-out wall time, each child on compute of its own',
        seconds(f.scheduledMs),
        "the list step, then the Map Run's schedule replayed over each target's time alone (as in AWS, where each check task has its own function)",
      ],
      ['slowest single target alone (the floor)', seconds(f.floor.wallMs), f.floor.label],
      [
        'fan-out ÷ floor',
        `${f.scheduledRatio.toFixed(2)}x on own compute; ${f.ratio.toFixed(2)}x measured here`,
        'goal: within 1.5x',
      ],
      ['the same work as one sequential loop', loop, 'each target alone, one after another'],
      ['sequential ÷ fan-out', `${(f.sequential.wallMs / f.fanout.wallMs.median).toFixed(1)}x`, ''],
      [
        'API calls (fan-out)',
        `${calls.calls} (${calls.throttled} throttled)`,
        `sts:AssumeRole ${op('sts:AssumeRole')}, organizations:ListAccountsForParent ${op('organizations:ListAccountsForParent')}, ${f.checkTasks} check tasks`,
      ],
      [
        'verdicts',
        Object.entries(f.fanout.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
        `organization ${f.fanout.verdict}; ${f.unassumable} accounts whose role cannot be assumed: an ERROR in each region, the others judged`,
      ],
      [
        'CPU of the children',
        formatSpread(f.fanout.cpuMs, seconds),
        `${f.workers} worker processes; the longest child inside the fan-out took ${seconds(f.fanout.slowestChildMs)}`,
      ],
    ],
    notes: [
      `Sizes: ${f.mix.large} account the size of the audit benchmark's (the floor), ${f.mix.medium.count} at ${f.mix.medium.scale} of it, the rest at ${f.mix.small.join(', ')} (seeded, in a seeded listing order); one local endpoint answers every account from its own data with its own rate buckets per region, STS and Organizations included; ${LATENCY_MS} ms per call.`,
      "The fan-out's logic as deployed, minus Step Functions: the list step (Organizations, paginated), then per target what a child execution runs (the input validated, one check task per check, the account reached as the check function reaches it: the role assumed once per region and run by a warm instance, here a worker process), then the summary; S3 and SNS are not simulated. The children run in worker processes, this machine's cores standing in for Lambda's: on a busy 2-core machine they share it, in AWS each check task has its own.",
    ],
  };
}

function delaySection(rows: readonly DelayRow[]): Section {
  return {
    title:
      'Watch: detection delay after a synthetic breach starts (default triggers, 60 s periods, 120 s ingestion lag)',
    header: [
      'trigger',
      'floor (window + 1 period + lag)',
      'ours: median [min–max]',
      'naive newest-datapoint',
    ],
    rows: rows.map((r) => [
      r.triggerId,
      `${r.floorSeconds} s`,
      fmtDelay(r.oursSeconds),
      fmtDelay(r.naiveSeconds),
    ]),
    notes: [
      `Breach starts at ${OFFSETS_SECONDS.length} offsets within a period (${OFFSETS_SECONDS.join(', ')} s); a partly bad period counts with its mixed value. Naive: at each step, the newest datapoint past the ingestion lag over a static threshold (error rate 5%, latency 0.16 s, unhealthy hosts 0, DB errors 10).`,
    ],
  };
}

function falseRollbackSection(): Section {
  const results = falseRollbacks();
  const rows = results.map((r) => [
    r.file.replace(/\.csv$/, ''),
    String(r.deployments),
    String(r.ours.ROLLBACK),
    String(r.ours.INCONCLUSIVE),
    String(r.naiveRollbacks),
  ]);
  const sum = (f: (r: (typeof results)[number]) => number) => String(results.reduce((n, r) => n + f(r), 0));
  rows.push([
    'all 17 series',
    sum((r) => r.deployments),
    sum((r) => r.ours.ROLLBACK),
    sum((r) => r.ours.INCONCLUSIVE),
    sum((r) => r.naiveRollbacks),
  ]);
  return {
    title:
      'Watch: false rollbacks over healthy history (NAB realAWSCloudwatch, outside labelled anomaly windows)',
    header: ['series', 'healthy deployments', 'ROLLBACK (ours)', 'INCONCLUSIVE (ours)', 'ROLLBACK (naive)'],
    rows,
    notes: [
      'A deployment every 2 hours whose baseline, watch and lag stay clear of every labelled window. Mapping: every series is watched with the `latency` trigger rule (> 2 x baseline median for 3 consecutive periods) without its 0.05 s floor (units differ: CPU %, bytes, request counts); 300 s periods, 60-minute watch and baseline, no ingestion lag.',
      'Naive: newest datapoint > 2 x the median of the whole series (a static threshold picked with hindsight), first breach rolls back.',
    ],
  };
}

function cliSection(results: readonly CliStartup[]): Section {
  return {
    title: 'CLI: wall time from spawn to exit, compiled (what users run) and from source through tsx',
    header: [
      'command',
      'compiled: node bin/preflight.js',
      'source: tsx bin/preflight.ts',
      'goal (median)',
      'met',
    ],
    rows: results.map((r) => [
      r.command,
      formatSpread(r.built, seconds),
      formatSpread(r.tsx, seconds),
      `≤ ${seconds(r.goalMs)}`,
      r.built.median <= r.goalMs ? 'yes' : 'NO',
    ]),
    notes: [
      'Each command run once untimed first (tsx fills its transform cache, the OS its file cache), then timed; `audit --sample` with --quiet --exit-zero, output discarded. The compiled CLI is rebuilt first (npm run build).',
      'Both load each command’s code when it runs; the compiled CLI also skips transpiling TypeScript at start.',
    ],
  };
}

function costSection(costs: readonly CostResult[]): Section {
  return {
    title: `Cost at list prices (${PRICES.region}, ${PRICES.asOf})`,
    header: ['scenario', 'total', 'items', 'basis'],
    rows: costs.map((c) => [
      c.scenario,
      dollars(c.totalUsd),
      c.lines.map((l) => `${l.item} ${l.quantity} ${dollars(l.usd)}`).join('; '),
      c.basis,
    ]),
    notes: PRICE_LINES,
  };
}

function writeResults(
  name: string,
  sections: readonly Section[],
  json: Record<string, unknown>,
  started: number,
) {
  const took = `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const command = `npm run bench${QUICK ? ' -- --quick' : WATCH_ONLY ? ' -- --watch' : ''}`;
  const preamble = [
    '# Preflight benchmarks',
    '',
    `Generated by \`${command}\` on ${new Date().toISOString()} in ${took}: Node ${process.version}, ${os.cpus().length} CPUs. Timings are median [min–max] ×runs; counts are exact. How to read it: bench/README.md.`,
  ];
  const markdown = toMarkdown(sections, preamble);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, `${name}.md`), markdown);
  writeFileSync(
    path.join(RESULTS, `${name}.json`),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), ...json }, null, 2)}\n`,
  );
  process.stdout.write(toText(sections));
  log(`done in ${took}: bench/results/${name}.md, bench/results/${name}.json`);
}

/** The watch's decision tables: detection delay, false rollbacks, recall. */
function watchSections(sections: Section[], json: Record<string, unknown>) {
  log('watch: detection delays, NAB false rollbacks, recall on injected regressions, queries per hour');
  const delays = detectionDelays();
  sections.push(delaySection(delays));
  sections.push(falseRollbackSection());
  const recall = recallSection();
  sections.push(recall.section);
  const queries = metricQueriesPerHour();
  json.watch = {
    delays,
    queries,
    recall: recall.results.map((r) => ({
      ...r,
      kinds: r.kinds.map(({ delaysSeconds, ...k }) => ({
        ...k,
        medianDelaySeconds: delaysSeconds.length ? spread(delaysSeconds).median : null,
      })),
    })),
  };
  return queries;
}

async function main(): Promise<void> {
  const started = performance.now();
  const sections: Section[] = [];
  const json: Record<string, unknown> = { quick: QUICK, node: process.version, cpus: os.cpus().length };
  if (WATCH_ONLY) {
    watchSections(sections, json);
    writeResults('watch-latest', sections, json, started);
    return;
  }

  const audit = await auditBench({ repeats: REPEATS, compareScale: COMPARE_SCALE }, log);
  sections.push(auditSection(audit));
  json.audit = audit;

  const defaults = ConfigSchema.parse({}).schedules.audit;
  const fanout = await fanoutBench(
    { quick: QUICK, repeats: QUICK ? 1 : 2, maxConcurrency: defaults.maxConcurrency },
    log,
  );
  sections.push(fanoutSection(fanout));
  json.fanout = fanout;

  const queries = watchSections(sections, json);

  log('template: functions and state machines');
  const { template } = synthPreflight({});
  const functions = functionsOf(template);
  const auditDefinition = definitionOf(template, 'AuditStateMachine');
  const watchDefinition = definitionOf(template, 'WatchStateMachine');
  const loop = watchDefinition ? watchLoop(watchDefinition) : undefined;
  const watchTransitions = loop
    ? loop.start + queries.steps * loop.perStep + loop.end
    : 2 + queries.steps * 3 + 3;
  const transitionsBasis = loop
    ? `transitions from the synthesized watch machine: ${loop.start} to start, ${loop.perStep} per step (${loop.loopNames.join(' → ')}), ${loop.end} to end, ${queries.steps} steps`
    : 'estimated from docs/watch.md (no watch machine in the template): 3 states per step';
  sections.push({
    title: 'Watch: work per watched hour (default triggers, 60 s periods)',
    header: ['measure', 'value', 'how'],
    rows: [
      ['evaluation steps', String(queries.steps), 'replayWatch onStep count, healthy 60-minute watch'],
      [
        'GetMetricData calls',
        String(queries.calls),
        'one per step with new complete periods, plus the baseline',
      ],
      [
        'metrics requested',
        String(queries.metrics),
        'metric ids per call, summed (what GetMetricData bills)',
      ],
      ['state transitions', String(watchTransitions), transitionsBasis],
    ],
  });

  log('lambdas: bundles and init, against the one-client floor');
  const lambdaRun = await lambdaBench(INIT_RUNS);
  sections.push(lambdaRun.section);
  json.lambdas = lambdaRun.json;
  const lambdas = lambdaRun.results;

  // The check functions (one per family): the heaviest stands for all in the cost estimate.
  const isCheck = (entry: string) => CHECK_ENTRY.test(entry);
  const memoryOf = (suffix: string) =>
    Math.max(0, ...functions.filter((f) => match(f.entry, suffix)).map((f) => f.memoryMb)) || 512;
  const initOf = (suffix: string) =>
    Math.max(0, ...lambdas.filter((l) => match(l.entry, suffix)).map((l) => l.initMs.median)) / 1000;
  const match = (entry: string, suffix: string) =>
    suffix === CHECK_FUNCTIONS ? isCheck(entry) : entry.endsWith(suffix);
  const checkCount = audit.checks.length;
  const auditStates = auditDefinition?.States as Record<string, Record<string, unknown>> | undefined;
  // Default path plus the notification a daily audit with news sends.
  const auditTransitions = auditStates
    ? pathTransitions(auditStates, auditDefinition?.StartAt as string, { iterations: checkCount }).count + 1
    : Number.NaN;
  const auditInput = {
    transitions: auditTransitions,
    checks: checkCount,
    otherInvocations: 2,
    otherSeconds: 2,
    memoryMb: memoryOf(CHECK_FUNCTIONS),
    initSeconds: initOf(CHECK_FUNCTIONS),
  };
  const naiveCheckSeconds = audit.checks.reduce(
    (n, c) => n + (c.compareNaiveWallMs / Math.max(1, c.compareOursWallMs)) * c.oursWallMs,
    0,
  );
  const costs = [
    dailyAuditCost({
      ...auditInput,
      label: 'ours',
      checkSeconds: audit.checks.reduce((n, c) => n + c.oursWallMs, 0) / 1000,
      secretsManagerCalls: audit.secretsManagerCalls.ours,
    }),
    dailyAuditCost({
      ...auditInput,
      label: 'naive; durations scaled by the measured naive/ours wall ratio',
      checkSeconds: naiveCheckSeconds / 1000,
      secretsManagerCalls: audit.secretsManagerCalls.naive,
    }),
    watchHourCost({
      transitions: watchTransitions,
      transitionsBasis,
      steps: queries.steps,
      metricsRequested: queries.metrics,
      memoryMb: memoryOf('watch/evaluate.ts'),
      initSeconds: initOf('watch/evaluate.ts'),
    }),
    quarterlyReviewCost(memoryOf('review/quarterly.ts'), initOf('review/quarterly.ts')),
  ];
  const fanoutStates = definitionOf(template, 'FanoutStateMachine')?.States as
    | Record<string, Record<string, unknown>>
    | undefined;
  const child = fanoutStates?.['Audit every target']?.ItemProcessor as
    | { StartAt: string; States: Record<string, Record<string, unknown>> }
    | undefined;
  if (fanoutStates !== undefined && child !== undefined) {
    const fanoutInput = {
      children: fanout.targets,
      checkTasks: fanout.checkTasks,
      parentTransitions: pathTransitions(fanoutStates, 'Load configuration', { iterations: 0 }).count,
      childTransitions: pathTransitions(child.States, child.StartAt, { iterations: 0 }).count,
      childSeconds: fanout.childSeconds.total,
      taskSeconds: fanout.taskSeconds,
      checkMemoryMb: memoryOf(CHECK_FUNCTIONS),
      initSeconds: initOf(CHECK_FUNCTIONS),
      secretsManagerCalls: fanout.fanout.calls.byOperation['secretsmanager:ListSecrets'] ?? 0,
    };
    costs.push(fanoutCost(fanoutInput, 'STANDARD'), fanoutCost(fanoutInput, 'EXPRESS'));
  }
  sections.push(costSection(costs));
  json.costs = { prices: PRICES, scenarios: costs };

  log('cli: startup, compiled and through tsx');
  const cli = await cliStartup(CLI_RUNS);
  sections.push(cliSection(cli));
  json.cli = cli;

  log('project: synth');
  const synth = await synthTimes(QUICK ? 2 : 5, QUICK ? 1 : 2);
  let tests: TestRun | undefined;
  if (!QUICK) {
    log('project: npx vitest run');
    tests = vitestRun();
  }
  sections.push({
    title: 'Project: synth and test time',
    header: ['measure', 'time', 'note'],
    rows: [
      [
        'synth in-process, bundling skipped',
        formatSpread(synth.skipped, seconds),
        'after a first synth in this process (modules loaded)',
      ],
      [
        'synth in-process, functions bundled',
        formatSpread(synth.bundled, seconds),
        `${functions.length} functions through esbuild`,
      ],
      tests
        ? [
            'npx vitest run',
            formatSpread(tests.wallMs, seconds),
            `${tests.ok ? 'passed' : 'FAILED'}: ${tests.summary}${
              tests.cpuSeconds === undefined ? '' : `; ${tests.cpuSeconds.toFixed(0)} CPU s`
            }; load average ${os.loadavg()[0]?.toFixed(1)}`,
          ]
        : ['npx vitest run', 'skipped (--quick)', ''],
    ],
  });
  if (tests?.slowest.length) {
    sections.push({
      title: 'Project: slowest test files',
      header: ['test file', 'time', 'tests'],
      rows: tests.slowest.map((f) => [f.file, seconds(f.ms), String(f.tests)]),
      notes: ['From its first test to its last, imports not included; on a loaded machine compare CPU s.'],
    });
  }
  json.project = { synth, tests };

  writeResults('latest', sections, json, started);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
