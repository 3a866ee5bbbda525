import * as os from 'node:os';
import type { ChildOutcome } from '../../lambdas/core/fanout/outcomes';
import { buildSummary } from '../../lambdas/core/fanout/summary';
import { NOW } from '../audit/account';
import { LATENCY_MS } from '../audit/bench';
import { type Spread, spread } from '../support/stats';
import { WorkerPool } from './drive';
import { type OrgCallCounts, OrgEndpoint } from './endpoint';
import { REGIONS, SIZE_MIX, simulatedOrganization } from './organization';

/*
 * The scheduled audit of a simulated organization (200 accounts × 3 regions, 600 targets), served by
 * one local endpoint that answers each account in its own right (its data, its rate buckets) and STS
 * and Organizations too. Measured:
 *  1. the fan-out: list the OU, audit every target at most MaxConcurrency at once, summarize;
 *  2. the same work as one sequential loop, each target alone (the quick run times a stratified
 *     sample and extrapolates each stratum); its slowest target is the fan-out floor: no fan-out
 *     can end before its slowest child.
 */

export interface FanoutBenchOptions {
  readonly quick: boolean;
  readonly repeats: number;
  readonly maxConcurrency: number;
}

export interface CallTotals {
  readonly calls: number;
  readonly throttled: number;
  readonly byOperation: Readonly<Record<string, number>>;
}

export interface FanoutBenchResult {
  readonly accounts: number;
  readonly regions: number;
  readonly targets: number;
  readonly unassumable: number;
  readonly maxConcurrency: number;
  /** Worker processes the children ran in: this machine's cores. */
  readonly workers: number;
  readonly mix: typeof SIZE_MIX;
  readonly fanout: {
    readonly wallMs: Spread;
    readonly cpuMs: Spread;
    readonly calls: CallTotals;
    readonly verdict: string;
    readonly counts: Readonly<Record<string, number>>;
    /** The longest any child took inside the fan-out (sharing the machine with the others). */
    readonly slowestChildMs: number;
    /** The list step's time: listing the OU and planning. */
    readonly listMs: number;
    /** This machine's 1-minute load average when the fan-out started and when it ended. */
    readonly load: readonly [number, number];
  };
  /**
   * The Map Run's schedule replayed with each target's time alone (in plan order, the next child
   * started as soon as one of MaxConcurrency ends), after the list step: the wall time when every
   * child has compute of its own, as in AWS, rather than this machine's shared cores.
   */
  readonly scheduledMs: number;
  /** `scheduledMs` ÷ floor. */
  readonly scheduledRatio: number;
  readonly sequential: {
    /** Targets timed one by one; fewer than `targets` when sampled (quick). */
    readonly measured: number;
    /** The loop's wall time: measured, or the sample's strata extrapolated to every target. */
    readonly wallMs: number;
    readonly extrapolated: boolean;
    readonly calls: CallTotals;
  };
  /** The slowest single target (one account in one region), audited alone. */
  readonly floor: { readonly label: string; readonly wallMs: number };
  /** Median measured fan-out wall ÷ floor. */
  readonly ratio: number;
  /** Each target's time alone, in seconds, for the children's cost (sampled strata extrapolated). */
  readonly childSeconds: { readonly total: number; readonly max: number };
  /** The check tasks' times, every target's added up (what the check function would be billed for). */
  readonly taskSeconds: number;
  /** Check tasks of every target together (account-wide checks only in an account's first region). */
  readonly checkTasks: number;
}

function totals(counts: OrgCallCounts): CallTotals {
  const byOperation: Record<string, number> = {};
  let calls = 0;
  let throttled = 0;
  for (const perAccount of Object.values(counts)) {
    for (const [operation, c] of Object.entries(perAccount)) {
      byOperation[operation] = (byOperation[operation] ?? 0) + c.calls;
      calls += c.calls;
      throttled += c.throttled;
    }
  }
  return { calls, throttled, byOperation };
}

/**
 * The targets the sequential loop times: all of them, or (quick) a few of each size, the slowest
 * size whole, so the floor is measured and every stratum's mean is known.
 */
function sample(strata: ReadonlyMap<number, readonly number[]>, quick: boolean): Map<number, number[]> {
  const picked = new Map<number, number[]>();
  for (const [scale, indexes] of strata) {
    const wanted = scale >= 1 ? 1 : scale >= 0.05 ? 3 : 2;
    const every = quick ? Math.max(1, Math.floor(indexes.length / wanted)) : 1;
    picked.set(
      scale,
      indexes.filter((_, i) => i % every === 0),
    );
  }
  return picked;
}

/**
 * A Map Run's wall time for children taking `durations` (in item order), at most `lanes` at once,
 * each started as soon as a running one ends.
 */
export function replaySchedule(durations: readonly number[], lanes: number): number {
  const free = Array.from({ length: Math.max(1, Math.min(lanes, durations.length)) }, () => 0);
  for (const duration of durations) {
    const lane = free.indexOf(Math.min(...free));
    free[lane] = (free[lane] ?? 0) + duration;
  }
  return Math.max(0, ...free);
}

export async function fanoutBench(
  options: FanoutBenchOptions,
  log: (line: string) => void,
): Promise<FanoutBenchResult> {
  const accounts = simulatedOrganization();
  // Two accounts whose member role does not trust Preflight: an ERROR each, never a stop.
  const unassumable = new Set(
    [accounts[17]?.id, accounts[123]?.id].filter((id): id is string => id !== undefined),
  );
  const endpoint = await OrgEndpoint.start({ accounts, latencyMs: LATENCY_MS, throttle: true, unassumable });
  const workers = Math.max(2, os.availableParallelism());
  const pool = await WorkerPool.start(workers, endpoint.url);
  try {
    const walls: number[] = [];
    const cpus: number[] = [];
    let first:
      | {
          listMs: number;
          load: readonly [number, number];
          plan: Awaited<ReturnType<WorkerPool['list']>>;
          runs: Awaited<ReturnType<WorkerPool['audit']>>;
          counts: OrgCallCounts;
          verdict: string;
          byVerdict: Record<string, number>;
        }
      | undefined;
    for (let i = 0; i < options.repeats; i += 1) {
      log(
        `fan-out: ${accounts.length} accounts × ${REGIONS.length} regions, MaxConcurrency ${options.maxConcurrency}, ${workers} worker processes (${i + 1}/${options.repeats})`,
      );
      endpoint.reset();
      const cpuBefore = await pool.cpuMs();
      const loadBefore = os.loadavg()[0] ?? 0;
      const started = performance.now();
      const listed = await pool.list();
      const listMs = performance.now() - started;
      const runs = await pool.audit(
        listed.plan.targets.map((_, index) => index),
        options.maxConcurrency,
      );
      const outcomes = new Map<number, ChildOutcome>(runs.map((r) => [r.index, r.outcome]));
      const summary = buildSummary({ runId: 'bench', now: NOW, plan: listed.plan, outcomes });
      walls.push(performance.now() - started);
      cpus.push((await pool.cpuMs()) - cpuBefore);
      first ??= {
        listMs,
        load: [loadBefore, os.loadavg()[0] ?? 0] as const,
        plan: listed,
        runs,
        counts: endpoint.snapshot(),
        verdict: summary.verdict,
        byVerdict: summary.targets,
      };
    }
    if (first === undefined) throw new Error('no fan-out run');
    const { plan, tasks } = first.plan;
    const scaleOf = new Map(accounts.map((a) => [a.id, a.scale]));
    const strata = new Map<number, number[]>();
    for (const [index, target] of plan.targets.entries()) {
      const scale = scaleOf.get(target.account ?? '') ?? 0;
      strata.set(scale, [...(strata.get(scale) ?? []), index]);
    }
    const picked = sample(strata, options.quick);
    const indexes = [...picked.values()].flat().sort((a, b) => a - b);
    log(`sequential loop: ${indexes.length} of ${plan.targets.length} targets, one after another`);
    endpoint.reset();
    const started = performance.now();
    const alone = await pool.audit(indexes, 1);
    const loopMs = performance.now() - started;
    const loopCounts = endpoint.snapshot();
    const timing = new Map(alone.map((r) => [r.index, r]));
    // Each stratum's mean, times its size: exact when every target was timed.
    let estimatedMs = 0;
    let taskMs = 0;
    for (const [scale, members] of strata) {
      const timed = (picked.get(scale) ?? []).flatMap((i) => timing.get(i) ?? []);
      const mean = (pick: (r: (typeof alone)[number]) => number) =>
        timed.reduce((a, r) => a + pick(r), 0) / Math.max(1, timed.length);
      estimatedMs += mean((r) => r.wallMs) * members.length;
      taskMs += mean((r) => r.taskMs) * members.length;
    }
    const slowest = alone.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
    // Each target's time alone: measured, or its size's mean where the quick run did not time it.
    const meanOf = new Map<number, number>();
    for (const [scale, members] of strata) {
      const timed = (picked.get(scale) ?? []).flatMap((i) => timing.get(i)?.wallMs ?? []);
      meanOf.set(scale, timed.reduce((a, b) => a + b, 0) / Math.max(1, timed.length));
      for (const i of members)
        if (!timing.has(i))
          timing.set(i, {
            index: i,
            wallMs: meanOf.get(scale) ?? 0,
            taskMs: 0,
            outcome: { verdict: 'PASS', alert: 'none' },
          });
    }
    const scheduledMs =
      first.listMs +
      replaySchedule(
        plan.targets.map((_, i) => timing.get(i)?.wallMs ?? 0),
        options.maxConcurrency,
      );
    const wall = spread(walls);
    const complete = indexes.length === plan.targets.length;
    return {
      accounts: accounts.length,
      regions: REGIONS.length,
      targets: plan.targets.length,
      unassumable: unassumable.size,
      maxConcurrency: options.maxConcurrency,
      workers,
      mix: SIZE_MIX,
      fanout: {
        wallMs: wall,
        cpuMs: spread(cpus),
        calls: totals(first.counts),
        verdict: first.verdict,
        counts: first.byVerdict,
        slowestChildMs: Math.max(...first.runs.map((r) => r.wallMs)),
        listMs: first.listMs,
        load: first.load,
      },
      sequential: {
        measured: indexes.length,
        wallMs: complete ? loopMs : estimatedMs,
        extrapolated: !complete,
        calls: totals(loopCounts),
      },
      floor: { label: plan.targets[slowest.index]?.label ?? String(slowest.index), wallMs: slowest.wallMs },
      ratio: wall.median / slowest.wallMs,
      scheduledMs,
      scheduledRatio: scheduledMs / slowest.wallMs,
      childSeconds: { total: estimatedMs / 1000, max: slowest.wallMs / 1000 },
      taskSeconds: taskMs / 1000,
      checkTasks: tasks.reduce((n, t) => n + t, 0),
    };
  } finally {
    pool.stop();
    await endpoint.close();
  }
}
