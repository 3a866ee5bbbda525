/** What the control endpoint's decisions need from the outside world; adapters implement these. */

/** The report bucket, as the control records need it. */
export interface RecordStore {
  /** The stored JSON, or `undefined` when there is no such object. */
  getJson<T>(key: string): Promise<T | undefined>;
  /** Writes only when no object has the key yet: the first writer wins, atomically. */
  putJsonIfAbsent(key: string, value: unknown): Promise<'written' | 'exists'>;
}

/** Answers a waiting task of the audit machine. `not-waiting`: the task timed out or the run ended. */
export interface TaskCallbacks {
  succeed(taskToken: string, output: unknown): Promise<'sent' | 'not-waiting'>;
  fail(taskToken: string, error: string, cause: string): Promise<'sent' | 'not-waiting'>;
}

/** The watch execution of a deployment, when one was ever started. */
export interface WatchExecution {
  readonly status: string;
  readonly startedAt?: string;
  /** The service the watch's input names, when it names one. */
  readonly service?: string;
}

export interface WatchExecutions {
  /** The watch execution named after `deploymentId`, or `undefined` when there is none. */
  find(deploymentId: string): Promise<WatchExecution | undefined>;
}

export interface ControlPorts {
  readonly store: RecordStore;
  readonly tasks: TaskCallbacks;
  readonly watches: WatchExecutions;
}
