import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { TEST_ACCOUNT, TEST_REGION } from './asl';
import { localStateMachine } from './state-machine';

/*
 * aws-local-stepfunctions runs inline Maps only. A Distributed Map is run here as Step Functions runs
 * it, as far as Preflight's machines need: the items from the ItemReader's S3 object (read through
 * the SDK, which the test stubs) or from ItemsPath; each through ItemSelector (with $$.Map.Item.Index
 * and .Value); each child a run of the ItemProcessor with the same local tasks, at most MaxConcurrency
 * at once; ToleratedFailurePercentage / ToleratedFailureCount decide whether the Map fails
 * (States.ExceedToleratedFailureThreshold, after which no new child starts); the ResultWriter's export
 * is written to S3 as Step Functions writes it (manifest.json, SUCCEEDED_0.json, FAILED_0.json) and
 * the state's result is {MapRunArn, ResultWriterDetails}. Payload templates are evaluated by
 * aws-local-stepfunctions itself, so intrinsic functions behave as in the rest of the run.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type State = Record<string, Json>;
export type LocalTask = (input: Json) => Promise<Json>;

/** One child execution the harness ran for a Distributed Map. */
export interface ChildRun {
  readonly index: number;
  readonly input: Json;
  readonly output?: Json;
  readonly error?: { readonly name: string; readonly cause: string };
  readonly statesEntered: readonly string[];
}

/** One Map Run: what a test may assert about the fan-out itself. */
export interface MapRun {
  readonly state: string;
  readonly items: number;
  readonly children: ChildRun[];
  /** The most children that ran at once. */
  maxInFlight: number;
  /** True when the tolerated failures were exceeded and the remaining items never started. */
  stopped: boolean;
}

/** The overrides every run and child run shares: local tasks, no waiting. */
export interface RunOverrides {
  readonly taskResourceLocalHandlers: Record<string, LocalTask>;
  readonly waitTimeOverrides: Record<string, number>;
  readonly retryIntervalOverrides: Record<string, number>;
}

/** The parent execution, as `$$.Execution` shows it to ItemSelector. */
export interface ParentExecution {
  readonly machineName: string;
  readonly name: string;
  readonly input: Json;
}

/** Fields of a Map state that the stand-in Task keeps: the rest belongs to the Map Run. */
const KEPT = ['Comment', 'InputPath', 'ResultPath', 'ResultSelector', 'Retry', 'Catch', 'Next', 'End'];
const DISTRIBUTED_MAP_RESOURCE = 'arn:aws:states:::harness:distributedMap';

const isDistributed = (state: State) =>
  state.Type === 'Map' &&
  ((state.ItemProcessor as State | undefined)?.ProcessorConfig as State | undefined)?.Mode === 'DISTRIBUTED';

/** A payload template evaluated against `input` and `context` by aws-local-stepfunctions. */
async function evaluate(template: Json, input: Json, context: Record<string, unknown>): Promise<Json> {
  const machine = localStateMachine({
    StartAt: 'Evaluate',
    States: { Evaluate: { Type: 'Pass', Parameters: template, End: true } },
  });
  return (await machine.run(input, { context: context as never }).result) as Json;
}

async function readItems(state: State, input: Json, context: Record<string, unknown>): Promise<Json[]> {
  const reader = state.ItemReader as State | undefined;
  if (reader === undefined) {
    const items = (await evaluate(
      { 'items.$': (state.ItemsPath as string | undefined) ?? '$' },
      input,
      context,
    )) as {
      items: Json;
    };
    if (!Array.isArray(items.items)) throw new Error(`${String(state.ItemsPath)} is not an array`);
    return items.items;
  }
  if (reader.Resource !== 'arn:aws:states:::s3:getObject') {
    throw new Error(
      `The harness reads Distributed Map items from s3:getObject only, not ${String(reader.Resource)}`,
    );
  }
  const config = (reader.ReaderConfig ?? {}) as State;
  if (config.InputType !== 'JSON')
    throw new Error(`Unsupported ItemReader InputType ${String(config.InputType)}`);
  const { Bucket, Key } = (await evaluate(reader.Parameters as Json, input, context)) as {
    Bucket: string;
    Key: string;
  };
  const object = await new S3Client({ region: TEST_REGION }).send(new GetObjectCommand({ Bucket, Key }));
  const items = JSON.parse((await object.Body?.transformToString()) ?? 'null') as Json;
  // Step Functions fails the Map Run when the object is not a JSON array.
  if (!Array.isArray(items)) {
    throw Object.assign(new Error(`s3://${Bucket}/${Key} is not a JSON array`), {
      name: 'States.ItemReaderFailed',
    });
  }
  const max = typeof config.MaxItems === 'number' ? config.MaxItems : items.length;
  return items.slice(0, max);
}

async function runChild(
  processor: State,
  input: Json,
  name: string,
  overrides: RunOverrides,
): Promise<{ output?: Json; error?: { name: string; cause: string }; statesEntered: string[] }> {
  const { ProcessorConfig: _config, ...definition } = processor;
  const statesEntered: string[] = [];
  const machine = localStateMachine(definition);
  const execution = machine.run(input, {
    overrides,
    context: {
      Execution: {
        Id: `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:execution:${name}`,
        Name: name,
        Input: input,
      },
    },
  } as never);
  const events = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') statesEntered.push(event.state.name);
    }
  })();
  try {
    const output = (await execution.result) as Json;
    await events;
    return { output, statesEntered };
  } catch (error) {
    await events.catch(() => undefined);
    const outer = error as Error;
    const inner = outer.cause instanceof Error ? outer.cause : outer;
    return { error: { name: inner.name, cause: inner.message }, statesEntered };
  }
}

function exceeded(state: State, failed: number, total: number): boolean {
  if (typeof state.ToleratedFailureCount === 'number' && failed > state.ToleratedFailureCount) return true;
  if (typeof state.ToleratedFailurePercentage === 'number') {
    return total > 0 && (failed / total) * 100 > state.ToleratedFailurePercentage;
  }
  return state.ToleratedFailureCount === undefined && failed > 0;
}

/** The ResultWriter's export, in the shape Step Functions writes it (Transformation NONE, JSON). */
async function exportResults(
  writer: State,
  input: Json,
  context: Record<string, unknown>,
  mapRunArn: string,
  children: readonly ChildRun[],
  parent: ParentExecution,
  label: string,
): Promise<Json> {
  const { Bucket, Prefix } = (await evaluate(writer.Parameters as Json, input, context)) as {
    Bucket: string;
    Prefix?: string;
  };
  const runId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
  const directory = `${Prefix === undefined ? '' : `${Prefix}/`}${runId}`;
  const s3 = new S3Client({ region: TEST_REGION });
  const at = new Date().toISOString();
  const record = (child: ChildRun): Json => ({
    ExecutionArn: `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:execution:${parent.machineName}/${label}:${child.index}`,
    Input: JSON.stringify(child.input),
    InputDetails: { Included: true },
    Name: `${child.index}`,
    StartDate: at,
    StateMachineArn: `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:stateMachine:${parent.machineName}/${label}`,
    StopDate: at,
    RedriveCount: 0,
    ...(child.error === undefined
      ? { Output: JSON.stringify(child.output), OutputDetails: { Included: true }, Status: 'SUCCEEDED' }
      : { Error: child.error.name, Cause: child.error.cause, Status: 'FAILED' }),
  });
  const files: Record<string, Json[]> = { SUCCEEDED: [], FAILED: [], PENDING: [] };
  for (const [status, wanted] of [
    ['SUCCEEDED', (c: ChildRun) => c.error === undefined],
    ['FAILED', (c: ChildRun) => c.error !== undefined],
  ] as const) {
    const records = children.filter(wanted).map(record);
    if (records.length === 0) continue;
    const Key = `${directory}/${status}_0.json`;
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: JSON.stringify(records) }));
    (files[status] as Json[]).push({ Key, Size: JSON.stringify(records).length });
  }
  const manifestKey = `${directory}/manifest.json`;
  await s3.send(
    new PutObjectCommand({
      Bucket,
      Key: manifestKey,
      Body: JSON.stringify({ DestinationBucket: Bucket, MapRunArn: mapRunArn, ResultFiles: files }),
    }),
  );
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket, Key: manifestKey } };
}

function distributedMapTask(
  name: string,
  state: State,
  parent: ParentExecution,
  overrides: () => RunOverrides,
  mapRuns: MapRun[],
): LocalTask {
  return async (input) => {
    const context = {
      Execution: { Name: parent.name, Input: parent.input, StartTime: new Date().toISOString() },
    };
    const items = await readItems(state, input, context);
    const processor = state.ItemProcessor as State;
    const label = (state.Label as string | undefined) ?? name;
    const run: MapRun = { state: name, items: items.length, children: [], maxInFlight: 0, stopped: false };
    mapRuns.push(run);
    const limit =
      typeof state.MaxConcurrency === 'number' && state.MaxConcurrency > 0
        ? state.MaxConcurrency
        : items.length;
    let next = 0;
    let inFlight = 0;
    let failed = 0;
    const worker = async () => {
      while (next < items.length && !run.stopped) {
        const index = next++;
        const value = items[index] as Json;
        const childInput =
          state.ItemSelector === undefined
            ? value
            : await evaluate(state.ItemSelector, input, {
                ...context,
                Map: { Item: { Index: index, Value: value } },
              });
        inFlight += 1;
        run.maxInFlight = Math.max(run.maxInFlight, inFlight);
        const child = await runChild(processor, childInput, `${parent.name}-${label}-${index}`, overrides());
        inFlight -= 1;
        run.children.push({ index, input: childInput, ...child });
        if (child.error !== undefined) {
          failed += 1;
          if (exceeded(state, failed, items.length)) run.stopped = true;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    run.children.sort((a, b) => a.index - b.index);
    if (run.stopped || exceeded(state, failed, items.length)) {
      throw Object.assign(
        new Error(
          `The tolerated failure threshold was exceeded: ${failed} of ${items.length} child executions failed`,
        ),
        { name: 'States.ExceedToleratedFailureThreshold' },
      );
    }
    const mapRunArn = `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:mapRun:${parent.machineName}/${label}:${randomUUID()}`;
    const writer = state.ResultWriter as State | undefined;
    if (writer !== undefined)
      return exportResults(writer, input, context, mapRunArn, run.children, parent, label);
    return run.children.map(
      (c) => c.output ?? { Error: c.error?.name ?? null, Cause: c.error?.cause ?? null },
    );
  };
}

/**
 * The definition with each top-level Distributed Map replaced by a Task the harness runs, and those
 * Tasks' local handlers. `overrides` is read when a child starts, so it sees every handler.
 */
export function inlineDistributedMaps(
  definition: Record<string, Json>,
  parent: ParentExecution,
  overrides: () => RunOverrides,
): { definition: Record<string, Json>; handlers: Record<string, LocalTask>; mapRuns: MapRun[] } {
  const states = definition.States as Record<string, State>;
  const handlers: Record<string, LocalTask> = {};
  const mapRuns: MapRun[] = [];
  const replaced: Record<string, State> = {};
  for (const [name, state] of Object.entries(states)) {
    if (!isDistributed(state)) {
      replaced[name] = state;
      continue;
    }
    replaced[name] = {
      Type: 'Task',
      Resource: `${DISTRIBUTED_MAP_RESOURCE}:${name.replace(/[^\w-]/g, '-')}`,
      ...Object.fromEntries(KEPT.filter((k) => state[k] !== undefined).map((k) => [k, state[k] as Json])),
    };
    handlers[name] = distributedMapTask(name, state, parent, overrides, mapRuns);
  }
  return { definition: { ...definition, States: replaced }, handlers, mapRuns };
}
