import { CHECKS } from '../../lambdas/core/checks/registry';
import type { CheckId } from '../../lambdas/core/config/schema';
import { type Spread, spread } from '../support/stats';
import { type AccountSize, FULL_SIZE, scaled, syntheticAccount } from './account';
import { driveAudit, type PhaseResult } from './drive';
import { BenchEndpoint, type CallCounts } from './endpoint';
import { lowerBounds } from './lower-bound';
import { operationsFor } from './operations';

/*
 * The audit benchmark in three passes over seeded synthetic accounts:
 *  1. full size, 50 ms per call, throttling at the API rates: Preflight's adapters, each check alone
 *     (calls, wall time), then the whole audit `repeats` times (wall time, peak memory);
 *  2. full size, no latency, no throttling: the naive variant, each check alone (exact calls);
 *  3. `compareScale` of the size, 50 ms and throttling: ours and naive, each check alone, for wall times
 *     side by side (the naive variant at full size would take many minutes, bound by the API rates).
 */

export const LATENCY_MS = 50;

export interface AuditBenchOptions {
  readonly repeats: number;
  readonly compareScale: number;
}

export interface CheckRow {
  readonly checkId: CheckId;
  readonly oursCalls: number;
  readonly oursThrottled: number;
  readonly lowerBound: number;
  readonly naiveCalls: number;
  readonly oursWallMs: number;
  readonly compareOursWallMs: number;
  readonly compareNaiveWallMs: number;
  readonly compareOursCalls: number;
  readonly compareNaiveCalls: number;
  readonly sameFindings: boolean;
  readonly calls: CallCounts;
}

export interface AuditBenchResult {
  readonly size: AccountSize;
  readonly compareSize: AccountSize;
  readonly checks: readonly CheckRow[];
  readonly audit: {
    readonly wallMs: Spread;
    readonly calls: Spread;
    readonly peakHeapBytes: Spread;
    readonly maxRssBytes: Spread;
    readonly startRssBytes: Spread;
  };
  readonly secretsManagerCalls: { readonly ours: number; readonly naive: number };
}

const total = (counts: CallCounts, field: 'calls' | 'throttled' = 'calls') =>
  Object.values(counts).reduce((sum, c) => sum + c[field], 0);

const byLabel = (phases: readonly PhaseResult[]) => new Map(phases.map((p) => [p.label, p]));

async function withEndpoint<T>(
  size: AccountSize,
  latencyMs: number,
  throttle: boolean,
  use: (endpoint: BenchEndpoint) => Promise<T>,
): Promise<T> {
  const endpoint = await BenchEndpoint.start({
    operations: operationsFor(syntheticAccount(size)),
    latencyMs,
    throttle,
  });
  try {
    return await use(endpoint);
  } finally {
    await endpoint.close();
  }
}

const secretsCalls = (phase: PhaseResult | undefined) =>
  Object.entries(phase?.counts ?? {})
    .filter(([key]) => key.startsWith('secretsmanager:'))
    .reduce((sum, [, c]) => sum + c.calls, 0);

export async function auditBench(
  options: AuditBenchOptions,
  log: (line: string) => void,
): Promise<AuditBenchResult> {
  const ids = Object.keys(CHECKS) as CheckId[];
  const size = FULL_SIZE;
  const compareSize = scaled(FULL_SIZE, options.compareScale);

  log('audit: full account, ours, each check then the whole audit');
  const full = await withEndpoint(size, LATENCY_MS, true, async (endpoint) => {
    const first = await driveAudit(endpoint, { mode: 'ours', wholeAudit: true, perCheck: ids, scale: 1 });
    const audits = first.filter((p) => p.label === 'audit');
    for (let i = 1; i < options.repeats; i += 1) {
      log(`audit: whole audit, repeat ${i + 1}/${options.repeats}`);
      audits.push(
        ...(await driveAudit(endpoint, { mode: 'ours', wholeAudit: true, perCheck: [], scale: 1 })),
      );
    }
    return { perCheck: byLabel(first), audits };
  });

  log('audit: full account, naive, each check (no latency: exact call counts)');
  const naiveFull = byLabel(
    await withEndpoint(size, 0, false, (endpoint) =>
      driveAudit(endpoint, { mode: 'naive', wholeAudit: false, perCheck: ids, scale: 1 }),
    ),
  );

  log(`audit: ${options.compareScale} of the account, ours and naive, each check (50 ms, throttled)`);
  const compare = await withEndpoint(compareSize, LATENCY_MS, true, async (endpoint) => ({
    ours: byLabel(
      await driveAudit(endpoint, {
        mode: 'ours',
        wholeAudit: false,
        perCheck: ids,
        scale: options.compareScale,
      }),
    ),
    naive: byLabel(
      await driveAudit(endpoint, {
        mode: 'naive',
        wholeAudit: false,
        perCheck: ids,
        scale: options.compareScale,
      }),
    ),
  }));

  const bounds = lowerBounds(syntheticAccount(size));
  const checks = ids.map((checkId): CheckRow => {
    const ours = full.perCheck.get(checkId);
    const naive = naiveFull.get(checkId);
    return {
      checkId,
      oursCalls: total(ours?.counts ?? {}),
      oursThrottled: total(ours?.counts ?? {}, 'throttled'),
      lowerBound: bounds[checkId],
      naiveCalls: total(naive?.counts ?? {}),
      oursWallMs: ours?.wallMs ?? Number.NaN,
      compareOursWallMs: compare.ours.get(checkId)?.wallMs ?? Number.NaN,
      compareNaiveWallMs: compare.naive.get(checkId)?.wallMs ?? Number.NaN,
      compareOursCalls: total(compare.ours.get(checkId)?.counts ?? {}),
      compareNaiveCalls: total(compare.naive.get(checkId)?.counts ?? {}),
      sameFindings: JSON.stringify(ours?.statuses) === JSON.stringify(naive?.statuses),
      calls: ours?.counts ?? {},
    };
  });
  const audits = full.audits;
  return {
    size,
    compareSize,
    checks,
    audit: {
      wallMs: spread(audits.map((a) => a.wallMs)),
      calls: spread(audits.map((a) => total(a.counts))),
      peakHeapBytes: spread(audits.map((a) => a.peakHeapBytes ?? Number.NaN)),
      maxRssBytes: spread(audits.map((a) => a.maxRssBytes ?? Number.NaN)),
      startRssBytes: spread(audits.map((a) => a.startRssBytes ?? Number.NaN)),
    },
    secretsManagerCalls: {
      ours:
        secretsCalls(full.perCheck.get('secrets-rotation')) +
        secretsCalls(full.perCheck.get('secrets-encryption')),
      naive:
        secretsCalls(naiveFull.get('secrets-rotation')) + secretsCalls(naiveFull.get('secrets-encryption')),
    },
  };
}
