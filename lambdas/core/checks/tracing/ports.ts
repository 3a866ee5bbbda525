/** A Lambda function as ListFunctions lists it, with its X-Ray tracing mode. */
export interface TracedFunction {
  readonly name: string;
  readonly arn: string;
  /** `Active` or `PassThrough`; absent when the listing did not say. */
  readonly tracingMode?: string;
  /** Timeout in seconds (`Timeout`); absent when the listing did not say. */
  readonly timeoutSeconds?: number;
  /** Memory in MB (`MemorySize`); absent when the listing did not say. */
  readonly memoryMb?: number;
  /** Environment variables (`Environment.Variables`); absent when the function has none. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Why Lambda could not give the variables (`Environment.Error.ErrorCode`), e.g. a key it cannot use. */
  readonly environmentError?: string;
  /** The entry point (`Handler`), e.g. `index.handler`; absent for container images. */
  readonly handler?: string;
  /** The function's description (`Description`); absent when empty. */
  readonly description?: string;
  /** The customer managed KMS key encrypting the variables at rest (`KMSKeyArn`); absent for Lambda's own key. */
  readonly kmsKeyArn?: string;
}

/** A Step Functions state machine as ListStateMachines lists it. */
export interface StateMachineSummary {
  readonly name: string;
  readonly arn: string;
  /** `STANDARD` or `EXPRESS`. */
  readonly type?: string;
}

/**
 * What the tracing check reads from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface TracingPorts {
  /** Every Lambda function of the region ($LATEST), with its tracing mode. */
  listFunctions(): Promise<TracedFunction[]>;
  /** Every state machine of the region. */
  listStateMachines(): Promise<StateMachineSummary[]>;
  /** Whether X-Ray tracing is on for one state machine (no listing carries it). */
  stateMachineTracing(arn: string): Promise<boolean>;
}
