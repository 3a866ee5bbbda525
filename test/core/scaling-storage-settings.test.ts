import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';

function problemsOf(checks: Record<string, unknown>) {
  try {
    validateConfig({ checks }, 'test.json');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.expected}`);
    throw error;
  }
}

describe('disk-space and auto-scaling-policies settings', () => {
  it('take their defaults', () => {
    const config = validateConfig({});
    expect(config.checks['disk-space']).toEqual({
      enabled: true,
      warnPercent: 80,
      failPercent: 90,
      minFreeGiB: 10,
      warnDays: 30,
      failDays: 7,
    });
    expect(config.checks['auto-scaling-policies']).toEqual({
      enabled: true,
      minCapacity: 2,
      minZones: 2,
      minAuroraReplicas: 1,
      warnPercentOfMax: 90,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a fail percentage not above the warning',
      { 'disk-space': { warnPercent: 90, failPercent: 90 } },
      'checks.disk-space.failPercent: expected failPercent to be more than warnPercent (90)',
    ],
    [
      'a fail horizon not shorter than the warning',
      { 'disk-space': { warnDays: 7, failDays: 7 } },
      'checks.disk-space.failDays: expected failDays to be less than warnDays (7)',
    ],
    [
      'a percentage over 100',
      { 'disk-space': { failPercent: 101 } },
      'checks.disk-space.failPercent: expected a whole number of percent from 2 to 100',
    ],
    [
      'no minimum capacity at all',
      { 'auto-scaling-policies': { minCapacity: 0 } },
      'checks.auto-scaling-policies.minCapacity: expected a whole number of tasks or instances from 1 to 100',
    ],
    [
      'a headroom warning at 100% (it could never warn before failing)',
      { 'auto-scaling-policies': { warnPercentOfMax: 100 } },
      'checks.auto-scaling-policies.warnPercentOfMax: expected a whole number of percent from 50 to 99',
    ],
  ])('refuses %s, saying what is expected', (_case, checks, problem) => {
    expect(problemsOf(checks)).toContain(problem);
  });
});
