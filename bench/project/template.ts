import type { Template } from 'aws-cdk-lib/assertions';
import { HANDLER_METADATA_KEY } from '../../lib/preflight-function';
import { allStates, extractStateMachine } from '../../test/harness/asl';
import type { LambdaFunction } from './lambdas';

/*
 * What the benchmark reads from the synthesized stack: every function (entry, environment, memory)
 * and the state transitions of the audit and watch machines, walked from their definitions.
 */

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

type States = Record<string, Record<string, unknown>>;

function resources(template: Template): Record<string, CfnResource> {
  return (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
}

/** Every Preflight function with its environment as deployed (references as placeholders). */
export function functionsOf(template: Template): LambdaFunction[] {
  const all = resources(template);
  const environments = new Map<string, Readonly<Record<string, string>>>();
  for (const id of Object.keys(all)) {
    if (all[id]?.Type !== 'AWS::StepFunctions::StateMachine') continue;
    for (const fn of extractStateMachine(template, id).handlersByArn.values())
      environments.set(fn.entry, fn.environment);
  }
  return Object.values(all).flatMap((r) => {
    const entry = r.Metadata?.[HANDLER_METADATA_KEY];
    if (r.Type !== 'AWS::Lambda::Function' || typeof entry !== 'string') return [];
    return [
      {
        entry,
        environment: environments.get(entry) ?? {},
        memoryMb: Number(r.Properties?.MemorySize ?? 128),
      },
    ];
  });
}

/** The definition of the state machine whose logical id starts with `prefix`, if exactly one. */
export function definitionOf(template: Template, prefix: string): Record<string, unknown> | undefined {
  const ids = Object.keys(resources(template)).filter(
    (id) => id.startsWith(prefix) && resources(template)[id]?.Type === 'AWS::StepFunctions::StateMachine',
  );
  return ids.length === 1 ? extractStateMachine(template, ids[0] as string).definition : undefined;
}

function next(state: Record<string, unknown> | undefined): string | undefined {
  if (state === undefined) return undefined;
  if (state.Type === 'Choice') return state.Default as string | undefined;
  return state.End === true ? undefined : (state.Next as string | undefined);
}

/**
 * States entered along the default path (Choice: its Default) from `start` until `stop` or the end;
 * a Map state adds `iterations` x its item path. Each state entered is one billed transition.
 */
export function pathTransitions(
  states: States,
  start: string,
  options: { readonly stop?: string; readonly iterations?: number } = {},
): { count: number; names: string[] } {
  const names: string[] = [];
  let count = 0;
  let current: string | undefined = start;
  for (let hops = 0; current !== undefined && current !== options.stop && hops < 100; hops += 1) {
    const state: Record<string, unknown> | undefined = states[current];
    names.push(current);
    count += 1;
    const processor = (state?.ItemProcessor ?? state?.Iterator) as
      | { StartAt: string; States: States }
      | undefined;
    if (processor)
      count += (options.iterations ?? 1) * pathTransitions(processor.States, processor.StartAt).count;
    current = next(state);
  }
  return { count, names };
}

export interface WatchLoop {
  /** States from the start to the first wait. */
  readonly start: number;
  /** States of one loop iteration (wait, evaluate, decide). */
  readonly perStep: number;
  /** States after the deciding Choice to the end, on its first non-default branch. */
  readonly end: number;
  readonly loopNames: readonly string[];
}

/** The watch machine's loop, found as the cycle through its Wait state. */
export function watchLoop(definition: Record<string, unknown>): WatchLoop | undefined {
  const states = definition.States as States;
  const wait = Object.keys(states).find((name) => states[name]?.Type === 'Wait');
  if (wait === undefined) return undefined;
  const start = pathTransitions(states, definition.StartAt as string, { stop: wait });
  const loop = pathTransitions(states, next(states[wait]) ?? '', { stop: wait });
  const choice = loop.names.map((n) => states[n]).find((s) => s?.Type === 'Choice');
  const decided = (choice?.Choices as { Next: string }[] | undefined)?.[0]?.Next;
  if (decided === undefined) return undefined;
  return {
    start: start.count,
    perStep: loop.count + 1,
    end: pathTransitions(states, decided).count,
    loopNames: [wait, ...loop.names],
  };
}

/** The handler modules of every Lambda function the machine whose logical id starts with `prefix` invokes. */
export function invokedEntries(template: Template, prefix: string): string[] {
  const machine = extractStateMachine(template, prefix);
  const entries = new Set<string>();
  for (const state of allStates(machine.definition).values()) {
    const parameters = state.Parameters as Record<string, unknown> | undefined;
    for (const arn of [state.Resource, parameters?.FunctionName]) {
      const fn = typeof arn === 'string' ? machine.handlersByArn.get(arn) : undefined;
      if (fn !== undefined) entries.add(fn.entry);
    }
  }
  return [...entries];
}
