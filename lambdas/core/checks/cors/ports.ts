import type { BucketCorsPorts } from './bucket-ports';

/** A Lambda function URL's CORS settings (GetFunctionUrlConfig). */
export interface FunctionUrlCors {
  readonly url: string;
  /** `NONE` (public) or `AWS_IAM`. */
  readonly authType: string;
  /** Absent when the URL has no CORS configuration (browsers then refuse cross-origin reads). */
  readonly allowOrigins?: readonly string[];
  readonly allowCredentials: boolean;
}

/**
 * What the CORS check reads (the functions themselves come from the tracing ports' listing). Throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface CorsPorts extends BucketCorsPorts {
  /** The function URL of one function, or `undefined` when it has none. */
  functionUrlCors(functionName: string): Promise<FunctionUrlCors | undefined>;
}
