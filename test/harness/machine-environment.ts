import type { ExtractedStateMachine } from './asl';

/** Two functions of one state machine set one variable differently. */
export class ConflictingEnvironmentError extends Error {
  override readonly name = 'ConflictingEnvironmentError';
}

/**
 * The environment the functions of `machine` run with in-process: the union of theirs, set once per
 * run and not written while functions run. A Distributed Map's children run concurrently in the one
 * process whose environment they all read, so writing each function's own environment per
 * invocation would let a sibling's write land between another's write and its read. The union is
 * each function's own environment only while no two functions set a variable to different values:
 * that is checked here, and a machine where they do is refused, naming each such variable.
 */
export function machineEnvironment(machine: ExtractedStateMachine): Readonly<Record<string, string>> {
  const union: Record<string, string> = {};
  const setBy = new Map<string, string>();
  const conflicts: string[] = [];
  for (const fn of machine.handlersByArn.values()) {
    for (const [name, value] of Object.entries(fn.environment)) {
      const first = setBy.get(name);
      if (first === undefined) {
        union[name] = value;
        setBy.set(name, fn.entry);
      } else if (union[name] !== value) {
        conflicts.push(`${name} (${first} and ${fn.entry})`);
      }
    }
  }
  if (conflicts.length > 0) {
    throw new ConflictingEnvironmentError(
      `The functions of ${machine.logicalId} set these variables to different values: ${conflicts.join(', ')}. The local run gives all its functions one process environment, so it cannot give each its own value; give the harness a per-invocation environment first.`,
    );
  }
  return union;
}
