import * as os from 'node:os';
import { formatSpread, kibibytes, millis } from '../support/stats';
import type { Section } from '../support/table';
import type { LambdaResult } from './lambdas';

/*
 * The Lambda table: each function's bundle and module init beside the one-client floor measured in
 * the same run, the goal (1.5x the floor for both), the figures before the check function was split
 * (measured by the same code, kept in bench/results/lambdas-before.json), what weighs most, and each
 * function against its own SDK floor (the clients and commands it carries, alone), which says how
 * much of the weight is Preflight's and how much the services it must call.
 */

/** Bundle and init of every function, at most this multiple of the floor's. */
export const FLOOR_GOAL = 1.5;

/** The figures of a run kept for comparison. */
export interface LambdaBaseline {
  readonly measuredAt: string;
  readonly node: string;
  readonly floor: { readonly bundleBytes: number; readonly initMs: number };
  readonly functions: Readonly<Record<string, { readonly bundleBytes: number; readonly initMs: number }>>;
}

/** Functions that took over another's work: compared with what it weighed. */
const REPLACES: readonly [RegExp, string][] = [
  [/^lambdas\/handlers\/audit\/checks\//, 'lambdas/handlers/audit/run-check.ts'],
];

const ratio = (value: number, floor: number) => `${(value / floor).toFixed(2)}x`;

function before(entry: string, baseline: LambdaBaseline | undefined) {
  const replaced = REPLACES.find(([pattern]) => pattern.test(entry))?.[1];
  const old = baseline?.functions[entry] ?? (replaced ? baseline?.functions[replaced] : undefined);
  return old === undefined || baseline === undefined ? undefined : { ...old, floor: baseline.floor };
}

export function toBaseline(floor: LambdaResult, functions: readonly LambdaResult[]): LambdaBaseline {
  return {
    measuredAt: new Date().toISOString(),
    node: process.version,
    floor: { bundleBytes: floor.bundleBytes, initMs: floor.initMs.median },
    functions: Object.fromEntries(
      functions.map((f) => [f.entry, { bundleBytes: f.bundleBytes, initMs: f.initMs.median }]),
    ),
  };
}

/** Sum of module init when each function the workflow invokes starts cold once. */
export function initSum(results: readonly LambdaResult[], entries: readonly string[]): number {
  return entries.reduce(
    (sum, entry) => sum + (results.find((r) => r.entry === entry)?.initMs.median ?? 0),
    0,
  );
}

export interface WorkflowInit {
  readonly workflow: string;
  readonly entries: readonly string[];
  readonly beforeEntries: readonly string[];
}

export function lambdaSection(
  floor: LambdaResult,
  results: readonly LambdaResult[],
  baseline: LambdaBaseline | undefined,
  workflows: readonly WorkflowInit[] = [],
): Section {
  const floorInit = floor.initMs.median;
  // Each function's init against the floor's timed alternately with it (the same run's load).
  const floorInitOf = (r: LambdaResult) => r.floorInitMs?.median ?? floorInit;
  const rows = results.map((r) => {
    const old = before(r.entry, baseline);
    const met =
      r.bundleBytes <= FLOOR_GOAL * floor.bundleBytes && r.initMs.median <= FLOOR_GOAL * floorInitOf(r);
    const own = r.clientsFloor;
    return [
      r.entry,
      `${r.memoryMb} MB`,
      `${kibibytes(r.bundleBytes)} (${ratio(r.bundleBytes, floor.bundleBytes)})`,
      old ? `${kibibytes(old.bundleBytes)} (${ratio(old.bundleBytes, old.floor.bundleBytes)})` : '-',
      kibibytes(r.sourceMapBytes),
      `${formatSpread(r.initMs, millis)} (${ratio(r.initMs.median, floorInitOf(r))})`,
      old ? `${millis(old.initMs)} (${ratio(old.initMs, old.floor.initMs)})` : '-',
      met ? 'yes' : 'no',
      own
        ? `${kibibytes(own.bundleBytes)}, ${millis(own.initMs.median)}: ${own.clients.join(', ')}`
        : 'no SDK client',
      own
        ? `${ratio(r.bundleBytes, own.bundleBytes)} size, ${ratio(r.initMs.median, own.initMs.median)} init`
        : '-',
      r.top.map((c) => `${c.name} ${kibibytes(c.bytes)}`).join(', '),
    ];
  });
  rows.unshift([
    `floor: ${floor.entry} (one STS client)`,
    '-',
    kibibytes(floor.bundleBytes),
    baseline ? kibibytes(baseline.floor.bundleBytes) : '-',
    kibibytes(floor.sourceMapBytes),
    formatSpread(floor.initMs, millis),
    baseline ? millis(baseline.floor.initMs) : '-',
    '',
    '',
    '',
    floor.top.map((c) => `${c.name} ${kibibytes(c.bytes)}`).join(', '),
  ]);
  const sums = workflows.map((w) => {
    const now = initSum(results, w.entries);
    // Each function in floors of its own interleaved floor, summed: the load-fair multiple.
    const floors = w.entries.reduce((sum, entry) => {
      const r = results.find((f) => f.entry === entry);
      return r === undefined ? sum : sum + r.initMs.median / floorInitOf(r);
    }, 0);
    const old = baseline
      ? w.beforeEntries.reduce((sum, entry) => sum + (baseline.functions[entry]?.initMs ?? 0), 0)
      : undefined;
    return `Sum of init per ${w.workflow} run, each of its ${w.entries.length} functions cold once: ${millis(now)} (${floors.toFixed(2)}x the floor, each function against the floor timed alternately with it)${old === undefined || baseline === undefined ? '' : `; before: ${millis(old)} over ${w.beforeEntries.length} functions (${ratio(old, baseline.floor.initMs)})`}.`;
  });
  return {
    title: `Lambdas: bundle and module init against the one-client floor (goal: at most ${FLOOR_GOAL}x the floor's size and init for every function)`,
    header: [
      'handler',
      'memory',
      'bundle (x floor)',
      'before',
      'source map (external)',
      'init, require in a fresh node (x floor)',
      'before',
      'goal met',
      'its own SDK floor: bundle, init: clients (commands)',
      'x its own SDK floor',
      'top contributors (minified bytes)',
    ],
    rows,
    notes: [
      ...sums,
      `Its own SDK floor: a handler that creates the SDK clients the function's bundle carries and sends each command it carries (read from esbuild's metafile), with nothing else, bundled the same way and timed alternately with the function. The one-client floor is what a function talking to one service could weigh; a function that must call several services (a check family's, S3 for its results, CloudFormation and tagging for a service's scope) cannot go below its own SDK floor, and its size over that floor is Preflight's own code, middleware and validators.`,
      `Before: ${baseline ? `${baseline.measuredAt} on Node ${baseline.node}, the same bench code, before the check function was split per family (a family function is compared with the one check function it replaces)` : 'no baseline'}. Timings on a loaded machine move together; read the ratios to the floor of the same run.`,
      `Node ${process.version} on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}); init with each function's own NODE_OPTIONS. Lambda's init differs, compare runs on one machine.`,
    ],
  };
}
