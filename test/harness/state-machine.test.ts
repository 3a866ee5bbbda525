import { describe, expect, it } from 'vitest';
import { localStateMachine } from './state-machine';

/*
 * A definition is validated once per process: the same definition is not validated again, and one
 * that is not valid is refused every time it is given, never remembered as validated.
 */

describe('the local state machine', () => {
  it('refuses an invalid definition every time, naming what is wrong', () => {
    const invalid = { StartAt: 'Missing', States: { Done: { Type: 'Pass', End: true } } };

    for (let i = 0; i < 2; i++) {
      expect(() => localStateMachine(invalid)).toThrow(/State machine definition is invalid/);
    }
  });

  it('refuses a path the definition cannot mean, on every call', () => {
    const badPath = {
      StartAt: 'Done',
      States: { Done: { Type: 'Pass', InputPath: 'not a path', End: true } },
    };

    expect(() => localStateMachine(badPath)).toThrow(/State machine definition is invalid/);
    expect(() => localStateMachine(badPath)).toThrow(/State machine definition is invalid/);
  });

  it('runs a definition it has validated before as it ran it the first time', async () => {
    const definition = () => ({
      StartAt: 'Shape',
      States: { Shape: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } },
    });

    const first = await localStateMachine(definition()).run({ n: 2 }).result;
    const second = await localStateMachine(definition()).run({ n: 3 }).result;

    expect(first).toEqual({ doubled: 4 });
    expect(second).toEqual({ doubled: 6 });
  });
});
