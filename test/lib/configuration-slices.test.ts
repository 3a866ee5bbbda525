import { describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import { ReportSettingsKeyError, reportSettings } from '../../lambdas/core/report/settings';
import { watchTargetSettings } from '../../lambdas/core/services/target-settings';
import { allStates, extractStateMachine } from '../harness/asl';
import { synthPreflight } from '../harness/synth';

/*
 * The report tasks and the watch's start get their slice of the configuration as a literal of the
 * definition, computed at synth from the validated configuration: never the whole configuration,
 * never what the execution input could have written.
 */

const CONFIG: PreflightConfigInput = {
  gate: {
    signoffs: {
      roles: ['Security Engineer'],
      approvers: { 'Security Engineer': ['arn:aws:iam::123456789012:role/SecurityApprovers'] },
    },
  },
  services: {
    'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } },
  },
  environments: { prod: { region: 'eu-west-1' } },
  notifications: { emails: ['oncall@example.com'] },
  mutes: [
    {
      check: 'alarms',
      resource: 'tag:team=legacy',
      reason: '$.outcome is not a path here: OPS-1',
      until: '2099-01-01',
    },
  ],
};

/** Every key of a value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, entry]) => [key, ...keysOf(entry)]);
}

describe('the report tasks', () => {
  it('carry the report settings computed at synth, as a literal, and not the configuration', () => {
    const { template } = synthPreflight(CONFIG);
    const expected = reportSettings(validateConfig(CONFIG));
    const audit = allStates(extractStateMachine(template, 'AuditStateMachine').definition);
    const fanout = allStates(extractStateMachine(template, 'FanoutStateMachine').definition);
    const tasks = [
      audit.get('Build report'),
      audit.get('Build final report'),
      fanout.get('Build target report'),
    ];
    for (const task of tasks) {
      const payload = task?.Parameters as Record<string, unknown>;
      expect(payload.settings).toEqual(expected);
      expect(Object.keys(payload).sort()).toEqual(
        expect.not.arrayContaining(['config', 'config.$', 'settings.$']),
      );
      // Nothing of it is read from the state: no key of the literal is a path.
      expect(keysOf(payload.settings).filter((key) => key.endsWith('.$'))).toEqual([]);
    }
    // What only the control endpoint needs (who may approve) is not in it.
    expect(JSON.stringify(expected)).not.toContain('SecurityApprovers');
    expect(expected.services['orders-api']?.prod?.signoffRoles).toEqual(['Security Engineer']);
  });

  it('refuse at synth a key that Step Functions would read as a path', () => {
    const config = validateConfig({
      services: { 'orders-api': { environments: ['prod'], resources: { tags: { 'team.$': 'x' } } } },
      environments: { prod: {} },
    });
    expect(() => reportSettings(config)).toThrow(ReportSettingsKeyError);
    expect(() => reportSettings(config)).toThrow('settings.services.orders-api.prod.resources.tags.team.$');
  });
});

describe('the watch start', () => {
  it("gets the watch's slice written by the first state, never the execution input", () => {
    const { template } = synthPreflight(CONFIG);
    const machine = extractStateMachine(template, 'WatchStateMachine').definition;
    const states = allStates(machine);
    const load = states.get('Load configuration');
    expect(machine.StartAt).toBe('Load configuration');
    // A Result, not Parameters: nothing of it is read as a path; it replaces whatever the input put there.
    expect(load?.Type).toBe('Pass');
    expect(load?.ResultPath).toBe('$.settings');
    expect(load?.Result).toEqual(JSON.parse(JSON.stringify(watchTargetSettings(validateConfig(CONFIG)))));
    expect(JSON.stringify(load?.Result)).not.toContain('oncall@example.com');
    expect(states.get('Start watch')?.Parameters).toMatchObject({ 'settings.$': '$.settings' });
    expect(Object.keys(states.get('Start watch')?.Parameters as object)).not.toContain('config.$');
  });
});
