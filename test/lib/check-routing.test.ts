import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHECK_FAMILIES,
  CHECKS,
  FAMILY_NAMES,
  familyCheckIds,
  familyOf,
} from '../../lambdas/core/checks/registry';
import type { CheckId } from '../../lambdas/core/config/schema';
import { InvalidInputError } from '../../lambdas/handlers/errors';
import { checkFunctionEntry } from '../../lib/audit/check-functions';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { synthPreflight } from '../harness/synth';

/*
 * Each check runs in its family's function: the audit machine's Choice (and each fan-out child's)
 * sends a check id to the task whose function is the family's handler, and that handler refuses
 * any other family's check. A check no family serves is recorded as a failed task (ERROR).
 */

type State = Record<string, unknown>;
const ALL_IDS = Object.keys(CHECKS) as CheckId[];

/** The state the Choice `route` sends `checkId` to, evaluating its rules as Step Functions would. */
function routeOf(route: State, checkId: string): string {
  const matches = (rule: State): boolean => {
    if (Array.isArray(rule.Or)) return (rule.Or as State[]).some(matches);
    return rule.Variable === '$.task.checkId' && rule.StringEquals === checkId;
  };
  const rule = (route.Choices as State[]).find(matches);
  return String(rule?.Next ?? route.Default);
}

function processorOf(
  machine: ExtractedStateMachine,
  mapName: string,
  inside?: string,
): Record<string, State> {
  let states = machine.definition.States as unknown as Record<string, State>;
  if (inside !== undefined)
    states = (states[inside] as { ItemProcessor: { States: Record<string, State> } }).ItemProcessor.States;
  const map = states[mapName] as { ItemProcessor: { StartAt: string; States: Record<string, State> } };
  expect(map.ItemProcessor.StartAt).toMatch(/^Which (target )?check function\?$/);
  return map.ItemProcessor.States;
}

describe('check families', () => {
  it('each check belongs to exactly one family', () => {
    const counted = FAMILY_NAMES.flatMap(familyCheckIds);
    expect(counted.sort()).toEqual([...ALL_IDS].sort());
    for (const id of ALL_IDS) expect(Object.keys(CHECK_FAMILIES[familyOf(id)])).toContain(id);
  });
});

describe.each([
  ['the audit machine', 'AuditStateMachine', 'Run checks', undefined, 'Run check', 'No check function'],
  [
    'a fan-out child',
    'FanoutStateMachine',
    'Run target checks',
    'Audit every target',
    'Run target check',
    'No target check function',
  ],
])('%s', (_name, prefix, mapName, inside, task, unrouted) => {
  const { template } = synthPreflight({
    organization: { organizationalUnits: ['ou-ab12-11111111'], regions: ['eu-west-1'] },
  });
  const machine = extractStateMachine(template, prefix);
  const states = processorOf(machine, mapName, inside);
  const route = Object.values(states).find((s) => s.Type === 'Choice') as State;

  it.each(ALL_IDS)('runs %s in its family’s function', (checkId) => {
    const family = familyOf(checkId);
    const target = routeOf(route, checkId);
    expect(target).toBe(`${task} (${family})`);
    const resource = String(states[target]?.Resource);
    expect(machine.handlersByArn.get(resource)?.entry).toBe(checkFunctionEntry(family));
  });

  it('records a check no family serves as a failed task, never a pass', () => {
    expect(routeOf(route, 'made-up-check')).toBe(unrouted);
    expect(states[unrouted]).toMatchObject({
      Type: 'Pass',
      Parameters: { Error: 'UnroutedCheck' },
      ResultPath: '$.taskError',
    });
  });
});

describe('a family’s check function', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  it.each(FAMILY_NAMES)('%s refuses the checks of every other family', async (family) => {
    const { run } = (await import(`../../${checkFunctionEntry(family)}`)) as {
      run: (event: unknown) => Promise<unknown>;
    };
    for (const [name, value] of Object.entries({
      POWERTOOLS_SERVICE_NAME: 'preflight',
      REPORT_BUCKET: 'reports',
      ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
      HISTORY_TABLE: 'history',
      REACH_ROLE_ARN: 'arn:aws:iam::123456789012:role/reach',
    }))
      vi.stubEnv(name, value);
    for (const other of ALL_IDS.filter((id) => familyOf(id) !== family)) {
      const refused = run({ task: { checkId: other }, now: '2026-11-30T10:00:00Z', runId: 'r', config: {} });
      await expect(refused).rejects.toThrow(InvalidInputError);
      await expect(refused).rejects.toThrow(`is not one of the ${family} family's`);
    }
  });
});
