import * as path from 'node:path';
import { vi } from 'vitest';
import { allStates, type ExtractedStateMachine, type LocalFunction } from './asl';
import { inlineDistributedMaps, type MapRun } from './distributed-map';
import { machineEnvironment } from './machine-environment';
import { localStateMachine } from './state-machine';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A stand-in for one Task state: receives the task's effective input, returns its result. */
export type LocalTask = (input: Json) => Promise<Json>;

export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject: string | undefined;
  /** The message as sent; with structure `json`, a JSON object of one message per protocol. */
  readonly message: string;
  readonly structure?: string;
  readonly attributes?: Json;
}

/** A call an AWS SDK integration task (`arn:aws:states:::aws-sdk:<service>:<action>`) made. */
export interface SdkCall {
  /** The task's state name. */
  readonly state: string;
  readonly service: string;
  readonly action: string;
  readonly parameters: Json;
}

/** An event a PutEvents task (`arn:aws:states:::events:putEvents`) put, its detail parsed. */
export interface PutEvent {
  /** The task's state name. */
  readonly state: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Json;
  /** The bus named, if any (absent: the account's default bus). */
  readonly eventBusName?: string;
}

/** What the stand-in answers for SDK integration calls that return nothing the machines use. */
const SDK_RESULTS: Readonly<Record<string, Json>> = { 'cloudwatch:putMetricData': {} };

export interface LocalRunOptions {
  /** Replace tasks by state name, e.g. to make one fail. Lambda tasks default to the real handlers. */
  readonly tasks?: Readonly<Record<string, LocalTask>>;
  /** The execution's start time, `$$.Execution.StartTime`. @default now */
  readonly startTime?: Date;
  /** The execution's name, `$$.Execution.Name` (Preflight's run id). @default `local-run` */
  readonly name?: string;
}

export interface LocalRunResult {
  /** The execution's output when it succeeded. */
  readonly output?: Json;
  /** The error name and cause when it failed. */
  readonly error?: { readonly name: string; readonly cause: string };
  /** Messages the SNS publish tasks sent. */
  readonly published: readonly PublishedMessage[];
  /** Calls the AWS SDK integration tasks made, in order, whether they then succeeded or not. */
  readonly sdkCalls: readonly SdkCall[];
  /**
   * Events the PutEvents tasks put, in order. A stand-in given in `options.tasks` for such a task
   * replaces the put (to make it fail); its entries are then not recorded.
   */
  readonly events: readonly PutEvent[];
  /** Names of the states entered, in order (inline Map iterations included; child executions in `mapRuns`). */
  readonly statesEntered: readonly string[];
  /** The Distributed Maps' runs: their items, children (input, output, states) and concurrency. */
  readonly mapRuns: readonly MapRun[];
}

const LAMBDA_ARN = /^arn:aws:lambda:/;
const SDK_INTEGRATION = /^arn:aws:states:::aws-sdk:([^:]+):([^:.]+)$/;

async function invokeHandler({ entry }: LocalFunction, input: Json): Promise<Json> {
  // Its environment is the run's, set once before it started (machineEnvironment).
  const module = (await import(path.join(REPO_ROOT, entry))) as {
    handler: (event: Json, context: Record<string, unknown>) => Promise<Json>;
  };
  const context = {
    functionName: path.basename(entry, '.ts'),
    awsRequestId: 'local',
    getRemainingTimeInMillis: () => 60_000,
  };
  return module.handler(input, context);
}

/**
 * Runs a synthesized state machine in-process with aws-local-stepfunctions: Lambda tasks call
 * the real handlers (AWS stubbed at the SDK client by the test), SNS publishes and AWS SDK
 * integration calls are recorded, waits and retry pauses take no time.
 */
export async function runLocally(
  machine: ExtractedStateMachine,
  input: Json,
  options: LocalRunOptions = {},
): Promise<LocalRunResult> {
  // The functions' environment as deployed, with the template's references resolved to placeholders.
  Object.assign(process.env, machineEnvironment(machine));
  const published: PublishedMessage[] = [];
  const sdkCalls: SdkCall[] = [];
  const events: PutEvent[] = [];
  const taskHandlers: Record<string, LocalTask> = {};
  const waitTimeOverrides: Record<string, number> = {};
  const retryIntervalOverrides: Record<string, number> = {};

  const recordedSdkStates = new Set<string>();
  for (const [name, state] of allStates(machine.definition)) {
    if (state.Retry) retryIntervalOverrides[name] = 0;
    if (state.Type === 'Wait') waitTimeOverrides[name] = 0;
    if (state.Type !== 'Task') continue;
    const resource = String(state.Resource);
    const fn = machine.handlersByArn.get(resource);
    const sdk = SDK_INTEGRATION.exec(resource);
    if (LAMBDA_ARN.test(resource) && fn !== undefined) {
      taskHandlers[name] = (taskInput) => invokeHandler(fn, taskInput);
    } else if (resource === 'arn:aws:states:::sns:publish') {
      taskHandlers[name] = async (taskInput) => {
        const params = taskInput as Record<string, Json>;
        published.push({
          topicArn: String(params.TopicArn),
          subject: params.Subject === undefined ? undefined : String(params.Subject),
          // Step Functions sends an object Message as its JSON text, as SNS's json structure expects.
          message: typeof params.Message === 'string' ? params.Message : JSON.stringify(params.Message),
          ...(params.MessageStructure === undefined ? {} : { structure: String(params.MessageStructure) }),
          ...(params.MessageAttributes === undefined ? {} : { attributes: params.MessageAttributes }),
        });
        return { MessageId: `local-${published.length}` };
      };
    } else if (resource === 'arn:aws:states:::events:putEvents') {
      taskHandlers[name] = async (taskInput) => {
        const entries = (taskInput as { Entries: Array<Record<string, Json>> }).Entries;
        for (const entry of entries) {
          events.push({
            state: name,
            source: String(entry.Source),
            detailType: String(entry.DetailType),
            // The API takes the detail as JSON text; Step Functions also accepts an object.
            detail:
              typeof entry.Detail === 'string' ? (JSON.parse(entry.Detail) as Json) : (entry.Detail ?? null),
            ...(entry.EventBusName === undefined ? {} : { eventBusName: String(entry.EventBusName) }),
          });
        }
        return {
          Entries: entries.map((_, i) => ({ EventId: `local-${events.length + i}` })),
          FailedEntryCount: 0,
        };
      };
    } else if (sdk !== null) {
      const [, service = '', action = ''] = sdk;
      const standIn = options.tasks?.[name];
      const known = SDK_RESULTS[`${service}:${action}`];
      recordedSdkStates.add(name);
      taskHandlers[name] = async (parameters) => {
        // Recorded first, so a test sees the attempt even when its stand-in then fails.
        sdkCalls.push({ state: name, service, action, parameters });
        if (standIn !== undefined) return standIn(parameters);
        if (known !== undefined) return known;
        throw new Error(`No local stand-in for task "${name}" (${resource}); pass one in options.tasks`);
      };
    } else {
      taskHandlers[name] = async () => {
        throw new Error(`No local stand-in for task "${name}" (${resource}); pass one in options.tasks`);
      };
    }
  }
  for (const [name, task] of Object.entries(options.tasks ?? {})) {
    if (!recordedSdkStates.has(name)) taskHandlers[name] = task;
  }
  const overrides = { taskResourceLocalHandlers: taskHandlers, waitTimeOverrides, retryIntervalOverrides };
  // Distributed Maps run their children here, with the same local tasks (the runner has no such Map).
  const inlined = inlineDistributedMaps(
    machine.definition,
    { machineName: machine.logicalId, name: options.name ?? 'local-run', input },
    () => overrides,
  );
  Object.assign(taskHandlers, inlined.handlers);

  // aws-local-stepfunctions sets $$.Execution.StartTime from the clock, so the clock is what we set.
  if (options.startTime !== undefined) vi.useFakeTimers({ toFake: ['Date'], now: options.startTime });
  try {
    return await execute(
      { ...machine, definition: inlined.definition },
      input,
      options,
      { taskHandlers, waitTimeOverrides, retryIntervalOverrides },
      { published, sdkCalls, events, mapRuns: inlined.mapRuns },
    );
  } finally {
    if (options.startTime !== undefined) vi.useRealTimers();
  }
}

async function execute(
  machine: ExtractedStateMachine,
  input: Json,
  options: LocalRunOptions,
  overrides: {
    taskHandlers: Record<string, LocalTask>;
    waitTimeOverrides: Record<string, number>;
    retryIntervalOverrides: Record<string, number>;
  },
  recorded: Pick<LocalRunResult, 'published' | 'sdkCalls' | 'events' | 'mapRuns'>,
): Promise<LocalRunResult> {
  const { taskHandlers, waitTimeOverrides, retryIntervalOverrides } = overrides;
  const statesEntered: string[] = [];
  const stateMachine = localStateMachine(machine.definition);
  const execution = stateMachine.run(input, {
    overrides: { taskResourceLocalHandlers: taskHandlers, waitTimeOverrides, retryIntervalOverrides },
    context: {
      // Callback tasks read $$.Task.Token; the local stand-in that plays the approver ignores it.
      Task: { Token: 'local-task-token' },
      Execution: {
        Id: `arn:aws:states:us-east-1:123456789012:execution:local:${options.name ?? 'local-run'}`,
        Name: options.name ?? 'local-run',
        Input: input,
      },
    },
  });
  const collectEvents = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') statesEntered.push(event.state.name);
    }
  })();
  try {
    const output = (await execution.result) as Json;
    await collectEvents;
    return { output, ...recorded, statesEntered };
  } catch (error) {
    await collectEvents.catch(() => undefined);
    // ExecutionError wraps what ended the run; for a Fail state that is its Error and Cause.
    const outer = error as Error;
    const inner = outer.cause instanceof Error ? outer.cause : outer;
    return {
      error: { name: inner.name, cause: inner.message },
      ...recorded,
      statesEntered,
    };
  }
}
