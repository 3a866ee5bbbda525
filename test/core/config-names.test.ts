import { describe, expect, it } from 'vitest';
import { formatConfigProblem } from '../../lambdas/core/config/format';
import { ConfigError, type ConfigProblem, validateConfig } from '../../lambdas/core/config/validate';

/*
 * Keys that name things (attestations, items, checks, triggers) are checked against what exists:
 * a misspelled name must stop synthesis, not silently drop the requirement it was meant to state.
 */

function problemsOf(raw: unknown) {
  try {
    validateConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const item = (id: string, verification: Record<string, unknown>) => ({
  id,
  section: 'pre-deployment',
  group: 'Security & Compliance',
  title: 'A team item',
  verification,
});

describe('configuration keys that name things', () => {
  it.each([
    {
      case: 'a misspelled required attestation',
      raw: { gate: { requiredAttestations: ['tests-passing', 'tests-pass'] } },
      key: 'gate.requiredAttestations.[1]',
      value: 'tests-pass',
      expected: /expected an attestation key of the checklist .*; did you mean "tests-passing"\?/,
    },
    {
      case: 'a required attestation of a disabled item',
      raw: {
        gate: { requiredAttestations: ['build-completed'] },
        checklist: { disabledItems: ['application.build-completed'] },
      },
      key: 'gate.requiredAttestations.[0]',
      value: 'build-completed',
      expected: /belongs to application\.build-completed, which checklist\.disabledItems turns off/,
    },
    {
      case: 'a required attestation nothing resembles',
      raw: { gate: { requiredAttestations: ['zzz'] } },
      key: 'gate.requiredAttestations.[0]',
      value: 'zzz',
      expected: /^expected an attestation key of the checklist \(one of (?:[a-z-]+, )*tests-passing, .*\)$/,
    },
    {
      case: 'a custom attestation key a seed item already uses',
      raw: {
        checklist: { items: [item('security.waf-enabled', { kind: 'attestation', key: 'tests-passing' })] },
      },
      key: 'checklist.items.[0].verification.key',
      value: 'tests-passing',
      expected: /a key no other item attests with \(application\.tests-passing already does\)/,
    },
    {
      case: 'two custom items attesting with one key',
      raw: {
        checklist: {
          items: [
            item('security.waf-enabled', { kind: 'attestation', key: 'waf' }),
            item('security.waf-rules', { kind: 'attestation', key: 'waf' }),
          ],
        },
      },
      key: 'checklist.items.[1].verification.key',
      value: 'waf',
      expected: /security\.waf-enabled already does/,
    },
    {
      case: 'a misspelled check settings key',
      raw: { checks: { 'acm-certificate': { warnDays: 40 } } },
      key: 'checks.acm-certificate',
      value: 'acm-certificate',
      expected: /did you mean "acm-certificates"\?/,
    },
    {
      case: 'a misspelled disabled item',
      raw: { checklist: { disabledItems: ['security.ssl-certificate'] } },
      key: 'checklist.disabledItems.[0]',
      value: 'security.ssl-certificate',
      expected: /did you mean "security\.ssl-certificates"\?/,
    },
    {
      case: 'a misspelled check of a custom item',
      raw: { checklist: { items: [item('security.alarms-again', { kind: 'check', checkIds: ['alarm'] })] } },
      key: 'checklist.items.[0].verification.checkIds',
      value: 'alarm',
      expected: /did you mean "alarms"\?/,
    },
    {
      case: 'a misspelled trigger of a custom item',
      raw: {
        checklist: {
          items: [item('security.errors-watched', { kind: 'trigger', triggerId: 'error-rates' })],
        },
      },
      key: 'checklist.items.[0].verification.triggerId',
      value: 'error-rates',
      expected: /expected a watch trigger id .*; did you mean "error-rate"\?/,
    },
  ])('refuses $case, naming the key and the fix', ({ raw, key, value, expected }) => {
    const problems = problemsOf(raw);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key, value });
    // An unknown key is read through the formatter, as the CLI and `cdk synth` print it.
    const problem = problems[0] as ConfigProblem;
    expect(problem.unknownKey ? formatConfigProblem(problem) : problem.expected).toMatch(expected);
  });

  it.each([
    {
      case: "a custom item's attestation key",
      raw: {
        gate: { requiredAttestations: ['tests-passing', 'waf'] },
        checklist: { items: [item('security.waf-enabled', { kind: 'attestation', key: 'waf' })] },
      },
    },
    {
      case: "a disabled seed item's attestation key reused by a custom item",
      raw: {
        gate: { requiredAttestations: ['tests-passing'] },
        checklist: {
          disabledItems: ['application.tests-passing'],
          items: [item('security.all-tests', { kind: 'attestation', key: 'tests-passing' })],
        },
      },
    },
    {
      case: 'a trigger the configuration adds',
      raw: {
        watch: { triggers: { 'queue-depth': { expression: 'depth', threshold: 100 } } },
        checklist: { items: [item('security.queue-watched', { kind: 'trigger', triggerId: 'queue-depth' })] },
      },
    },
    { case: 'no required attestation at all', raw: { gate: { requiredAttestations: [] } } },
  ])('accepts $case', ({ raw }) => {
    expect(() => validateConfig(raw)).not.toThrow();
  });

  it('lists every misnamed key at once', () => {
    const problems = problemsOf({
      gate: { requiredAttestations: ['tests-pass', 'build-complete'] },
      checklist: { disabledItems: ['nothing.here'] },
    });

    expect(problems.map((p) => p.key)).toEqual([
      'checklist.disabledItems.[0]',
      'gate.requiredAttestations.[0]',
      'gate.requiredAttestations.[1]',
    ]);
  });
});
