import { describe, expect, it } from 'vitest';
import type { ExtractedStateMachine, LocalFunction } from './asl';
import { ConflictingEnvironmentError, machineEnvironment } from './machine-environment';
import { runLocally } from './run';

function machineOf(...functions: LocalFunction[]): ExtractedStateMachine {
  return {
    logicalId: 'TestMachine',
    definition: { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } },
    handlersByArn: new Map(
      functions.map((fn, i) => [`arn:aws:lambda:us-east-1:123456789012:function:f${i}`, fn]),
    ),
  };
}

describe('the environment of a local run', () => {
  it('is the union of its functions’ environments when they agree on every variable', () => {
    const machine = machineOf(
      { entry: 'a.ts', environment: { POWERTOOLS_SERVICE_NAME: 'preflight', REPORT_BUCKET: 'reports' } },
      { entry: 'b.ts', environment: { POWERTOOLS_SERVICE_NAME: 'preflight', HISTORY_TABLE: 'history' } },
    );

    expect(machineEnvironment(machine)).toEqual({
      POWERTOOLS_SERVICE_NAME: 'preflight',
      REPORT_BUCKET: 'reports',
      HISTORY_TABLE: 'history',
    });
  });

  it('is refused, naming each variable and the functions, when two functions set one differently', () => {
    const machine = machineOf(
      { entry: 'a.ts', environment: { POWERTOOLS_SERVICE_NAME: 'a', REPORT_BUCKET: 'reports' } },
      { entry: 'b.ts', environment: { POWERTOOLS_SERVICE_NAME: 'b', REPORT_BUCKET: 'reports' } },
      { entry: 'c.ts', environment: { POWERTOOLS_SERVICE_NAME: 'a', REPORT_BUCKET: 'other' } },
    );

    expect(() => machineEnvironment(machine)).toThrow(ConflictingEnvironmentError);
    expect(() => machineEnvironment(machine)).toThrow(
      'The functions of TestMachine set these variables to different values: POWERTOOLS_SERVICE_NAME (a.ts and b.ts), REPORT_BUCKET (a.ts and c.ts).',
    );
  });

  it('is refused before a run of such a machine starts', async () => {
    const machine = machineOf(
      { entry: 'a.ts', environment: { REPORT_BUCKET: 'reports' } },
      { entry: 'b.ts', environment: { REPORT_BUCKET: 'other' } },
    );

    await expect(runLocally(machine, {})).rejects.toThrow(ConflictingEnvironmentError);
  });
});
