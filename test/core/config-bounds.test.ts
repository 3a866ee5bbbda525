import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';

/*
 * Every number of the configuration has a range a real configuration stays inside. An absurd value
 * (2^53 days, a 10-hour probe timeout, a trigger at 1000 x its baseline) quietly turns a check or a
 * trigger off, so it is refused with the range in the message.
 */

/** `{a: {b: value}}` from `a.b`; a segment `[0]` makes a one-element array. */
function at(key: string, value: unknown): Record<string, unknown> {
  return key
    .split('.')
    .reverse()
    .reduce<unknown>((inner, part) => (part === '[0]' ? [inner] : { [part]: inner }), value) as Record<
    string,
    unknown
  >;
}

/** Deep merge; arrays merge element by element, as `at` builds them. */
function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return b.map((item, i) => merge(a[i], item));
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}

function problemsOf(raw: unknown) {
  try {
    validateConfig(raw, 'test.json');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

interface Bound {
  readonly key: string;
  readonly min: number;
  readonly max: number;
  /** The step past either end (1 for whole numbers). */
  readonly step?: number;
  /** What the message says the range is, e.g. /from 1 to 3650 days/. */
  readonly range: RegExp;
  /** Other keys the value needs to be valid at its extremes. */
  readonly with?: Record<string, unknown>;
}

const DAYS = /whole number of days from \d+ to 3650/;
const HOURS = /whole number of hours from 1 to 8760/;
const TRIGGER = 'watch.triggers.error-rate';

const BOUNDS: readonly Bound[] = [
  { key: 'checks.database-backups.minRetentionDays', min: 1, max: 3650, range: DAYS },
  { key: 'checks.database-backups.rpoHours', min: 1, max: 8760, range: HOURS },
  { key: 'checks.database-backups.restoreProofDays', min: 1, max: 3650, range: DAYS },
  { key: 'checks.database-backups.jobLookbackHours', min: 1, max: 8760, range: HOURS },
  {
    key: 'checks.acm-certificates.warnDays',
    min: 1,
    max: 3650,
    range: DAYS,
    with: at('checks.acm-certificates.failDays', 0),
  },
  {
    // 3650 itself is refused for not being less than warnDays (3650); 3651 is out of range.
    key: 'checks.acm-certificates.failDays',
    min: 0,
    max: 3649,
    step: 2,
    range: DAYS,
    with: at('checks.acm-certificates.warnDays', 3650),
  },
  { key: 'checks.acm-certificates.minRsaBits', min: 1024, max: 16384, range: /bits from 1024 to 16384/ },
  {
    key: 'checks.tls-endpoints.warnDays',
    min: 1,
    max: 3650,
    range: DAYS,
    with: at('checks.tls-endpoints.failDays', 0),
  },
  {
    // 3650 itself is refused for not being less than warnDays (3650); 3651 is out of range.
    key: 'checks.tls-endpoints.failDays',
    min: 0,
    max: 3649,
    step: 2,
    range: DAYS,
    with: at('checks.tls-endpoints.warnDays', 3650),
  },
  { key: 'checks.tls-endpoints.minRsaBits', min: 1024, max: 16384, range: /bits from 1024 to 16384/ },
  { key: 'checks.tls-endpoints.timeoutMs', min: 100, max: 60000, range: /milliseconds from 100 to 60000/ },
  {
    key: 'checks.tls-endpoints.endpoints.[0].port',
    min: 1,
    max: 65535,
    range: /port from 1 to 65535/,
    with: at('checks.tls-endpoints.endpoints.[0].host', 'api.example.com'),
  },
  { key: 'checks.secrets-rotation.maxAgeDays', min: 1, max: 3650, range: DAYS },
  { key: 'checks.iam-access-keys.maxAgeDays', min: 1, max: 3650, range: DAYS },
  { key: 'checks.iam-access-keys.unusedWarnDays', min: 1, max: 3650, range: DAYS },
  { key: 'checks.alarms.insufficientDataHours', min: 1, max: 8760, range: HOURS },
  { key: 'reports.retentionDays', min: 1, max: 3650, range: DAYS },
  { key: 'gate.concurrency', min: 1, max: 20, range: /checks at once from 1 to 20/ },
  {
    key: 'gate.preDeploymentBackup.timeoutMinutes',
    min: 5,
    max: 1440,
    range: /minutes from 5 to 1440/,
  },
  { key: 'watch.minutes', min: 1, max: 1440, range: /minutes from 1 to 1440/ },
  {
    key: 'watch.periodSeconds',
    min: 10,
    max: 3600,
    step: 60,
    range: /seconds from 10 to 3600/,
    with: at('watch.minutes', 1440),
  },
  { key: 'watch.ingestionLagSeconds', min: 0, max: 3600, range: /seconds from 0 to 3600/ },
  { key: 'watch.baseline.minutes', min: 1, max: 1440, range: /minutes from 1 to 1440/ },
  { key: 'watch.baseline.minCoverage', min: 0.01, max: 1, step: 0.01, range: /from 0\.01 to 1/ },
  { key: 'watch.maxNoDataMinutes', min: 1, max: 1440, range: /minutes from 1 to 1440/ },
  {
    key: `${TRIGGER}.threshold.baselineMultiplier`,
    min: 0.01,
    max: 100,
    step: 0.01,
    range: /multiplier from 0\.01 to 100/,
  },
  { key: `${TRIGGER}.window.consecutive`, min: 1, max: 8640, range: /periods from 1 to 8640/ },
  {
    key: `${TRIGGER}.window.of`,
    min: 1,
    max: 8640,
    range: /periods from 1 to 8640/,
    with: at(`${TRIGGER}.window.breaching`, 1),
  },
  {
    key: `${TRIGGER}.window.breaching`,
    min: 1,
    max: 8640,
    range: /periods from 1 to 8640/,
    with: at(`${TRIGGER}.window.of`, 8640),
  },
  {
    key: `${TRIGGER}.eligibility.min`,
    min: 0,
    max: 1_000_000_000,
    range: /from 0 to 1000000000/,
    with: at(`${TRIGGER}.eligibility.metric`, 'requests'),
  },
  { key: `${TRIGGER}.worseningFactor`, min: 1, max: 100, step: 0.5, range: /factor from 1 to 100/ },
];

const config = (bound: Bound, value: number) => merge(bound.with ?? {}, at(bound.key, value)) as object;

describe('configuration thresholds', () => {
  it.each(BOUNDS)('accepts $key at its extremes ($min and $max)', (bound) => {
    expect(problemsOf(config(bound, bound.min))).toEqual([]);
    expect(problemsOf(config(bound, bound.max))).toEqual([]);
  });

  it.each(BOUNDS)('refuses $key above $max, saying the range', (bound) => {
    const above = bound.max + (bound.step ?? 1);
    const problems = problemsOf(config(bound, above));

    expect(problems).toContainEqual(
      expect.objectContaining({ key: bound.key, value: above, expected: expect.stringMatching(bound.range) }),
    );
  });

  it.each(BOUNDS)('refuses $key below $min, saying the range', (bound) => {
    const below = Math.round((bound.min - (bound.step ?? 1)) * 100) / 100;
    const problems = problemsOf(config(bound, below));

    expect(problems).toContainEqual(
      expect.objectContaining({ key: bound.key, value: below, expected: expect.stringMatching(bound.range) }),
    );
  });

  it.each([
    ['checks.secrets-rotation.maxAgeDays', 2 ** 53],
    ['checks.acm-certificates.warnDays', 2 ** 53],
    ['checks.iam-access-keys.maxAgeDays', Number.MAX_SAFE_INTEGER],
    ['checks.database-backups.rpoHours', 1e308],
    ['reports.retentionDays', 2 ** 53],
  ])('refuses %s = %d, which would turn every FAIL into a PASS', (key, value) => {
    expect(problemsOf(at(key, value)).map((p) => p.key)).toContain(key);
  });
});
