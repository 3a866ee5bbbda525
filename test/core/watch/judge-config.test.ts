import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../../lambdas/core/config/validate';
import { LATENCY } from '../../../lambdas/core/watch/defaults';
import { resolveWatchConfig } from '../../../lambdas/core/watch/resolve';

function problemsOf(watch: unknown) {
  try {
    validateConfig({ watch }, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const latencyWith = (settings: Record<string, unknown>) => ({ triggers: { latency: settings } });

describe('watch configuration: judge and versus', () => {
  it('keeps the threshold rule alone by default and with judge "threshold"', () => {
    const byDefault = resolveWatchConfig(validateConfig({}).watch).triggers;
    const named = resolveWatchConfig(
      validateConfig({ watch: latencyWith({ judge: 'threshold' }) }).watch,
    ).triggers;
    // With the error rate's traffic minimum (it reads the request count already).
    const latency = { ...LATENCY, eligibility: { metric: 'requests', min: 50, whenMissing: 'judge' } };
    expect(byDefault.find((t) => t.id === 'latency')).toEqual(latency);
    expect(named.find((t) => t.id === 'latency')).toEqual(latency);
    expect(byDefault.every((t) => t.judge === null && t.versus === null)).toBe(true);
  });

  it('resolves a Mann-Whitney judge with its defaults, a shadow robust deviation judge, and versus', () => {
    const { watch } = validateConfig({
      watch: {
        triggers: {
          latency: { judge: { rule: 'mann-whitney' } },
          'error-rate': { judge: { rule: 'robust-deviation', k: 4, shadow: true } },
          'latency-vs-blue': {
            expression: 'latency_green',
            threshold: { baselineMultiplier: 1.3 },
            window: { consecutive: 3 },
            versus: { expression: 'latency_blue', eligibility: { metric: 'requests_blue', min: 50 } },
          },
        },
      },
    });
    const triggers = resolveWatchConfig(watch).triggers;
    expect(triggers.find((t) => t.id === 'latency')?.judge).toEqual({
      shadow: false,
      test: { rule: 'mann-whitney', confidence: 0.9999, minEffect: 1.5, samples: 9 },
    });
    expect(triggers.find((t) => t.id === 'error-rate')?.judge).toEqual({
      shadow: true,
      test: { rule: 'robust-deviation', k: 4 },
    });
    expect(triggers.find((t) => t.id === 'latency-vs-blue')?.versus).toEqual({
      expression: 'latency_blue',
      eligibility: { metric: 'requests_blue', min: 50 },
      fillZero: [],
    });
  });

  it.each([
    [
      { judge: 'mann-whitney' },
      'watch.triggers.latency.judge',
      /expected "threshold", \{ rule: "mann-whitney"/,
    ],
    [{ judge: { rule: 't-test' } }, 'watch.triggers.latency.judge.rule', /expected "threshold"/],
    [
      { judge: { rule: 'mann-whitney', confidence: 0.3 } },
      'watch.triggers.latency.judge.confidence',
      /from 0\.5 to 0\.999999/,
    ],
    [
      { judge: { rule: 'mann-whitney', confidence: 1 } },
      'watch.triggers.latency.judge.confidence',
      /from 0\.5 to 0\.999999/,
    ],
    [
      { judge: { rule: 'mann-whitney', minEffect: 0.5 } },
      'watch.triggers.latency.judge.minEffect',
      /from 1 to 100/,
    ],
    [
      { judge: { rule: 'mann-whitney', samples: 2 } },
      'watch.triggers.latency.judge.samples',
      /from 3 to 120/,
    ],
    [
      { judge: { rule: 'mann-whitney', samples: 9.5 } },
      'watch.triggers.latency.judge.samples',
      /whole number/,
    ],
    [{ judge: { rule: 'robust-deviation', k: 0 } }, 'watch.triggers.latency.judge.k', /from 0\.5 to 100/],
    [
      { judge: { rule: 'robust-deviation', k: 5, samples: 9 } },
      'watch.triggers.latency.judge.samples',
      /Unrecognized key: "samples"/,
    ],
    [
      { versus: { expression: 'latency_old', extra: 1 } },
      'watch.triggers.latency.versus.extra',
      /Unrecognized key: "extra"/,
    ],
    [
      { versus: { expression: 'latency_old +' } },
      'watch.triggers.latency.versus.expression',
      /arithmetic over metric ids/,
    ],
  ])('rejects %j naming the key and what is expected', (settings, key, expected) => {
    const problems = problemsOf(latencyWith(settings));
    expect(problems[0]).toMatchObject({ key });
    expect(`${problems[0]?.expected} ${problems[0]?.value}`).toMatch(expected);
  });

  it('rejects a judge sample longer than the watch: it could never agree, silencing the trigger', () => {
    const problems = problemsOf({
      minutes: 5,
      ...latencyWith({ judge: { rule: 'mann-whitney', samples: 9 } }),
    });
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'watch.triggers.latency.judge.samples',
        value: 9,
        expected: expect.stringMatching(/at most the watch's 5 periods/),
      }),
    ]);
  });

  it('rejects a confidence the samples cannot reach, saying the most they can', () => {
    // 3 new against 3 old values: at best p = 1 / C(6, 3) = 0.05.
    const problems = problemsOf({
      triggers: {
        'latency-vs-blue': {
          expression: 'latency_green',
          threshold: { baselineMultiplier: 1.3 },
          versus: { expression: 'latency_blue' },
          judge: { rule: 'mann-whitney', samples: 3, confidence: 0.99 },
        },
      },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'watch.triggers.latency-vs-blue.judge.confidence',
        expected: expect.stringMatching(
          /3 watched against 3 of the old version's values show at best p = 0\.05, so at most 0\.95/,
        ),
      }),
    ]);
  });

  it('rejects versus with a static threshold: against the old version the threshold is a multiple of its value', () => {
    const problems = problemsOf({
      triggers: { 'error-rate': { versus: { expression: 'errors_old / requests_old' } } },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'watch.triggers.error-rate.threshold',
        expected: expect.stringMatching(/baselineMultiplier: k \} with versus/),
      }),
    ]);
  });

  it("rejects a zero-filled id the old version's expression does not use, and a zero-filled minimum", () => {
    const problems = problemsOf(
      latencyWith({
        versus: {
          expression: 'latency_old',
          eligibility: { metric: 'latency_old', min: 1 },
          fillZero: ['latency_old', 'x'],
        },
      }),
    );
    expect(problems.map((p) => p.key).sort()).toEqual([
      'watch.triggers.latency.versus.eligibility.metric',
      'watch.triggers.latency.versus.fillZero.[1]',
    ]);
  });

  it("requires the old version's metrics to be mapped, as every metric a trigger uses", () => {
    const problems = problemsOf({
      metrics: {
        latency: { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', stat: 'p99' },
      },
      triggers: {
        'error-rate': { enabled: false },
        'health-checks': { enabled: false },
        'db-connection-errors': { enabled: false },
        latency: { versus: { expression: 'latency_old' } },
      },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'watch.metrics',
        value: 'latency_old',
        expected: expect.stringMatching(/used by trigger "latency"/),
      }),
    ]);
  });
});
