import type { Finding } from '../../../../findings';
import { cdkHelperOf } from '../../cdk-helpers';
import { tracingFinding } from '../../finding';
import type { TracedFunction } from '../../ports';

/**
 * `function-tracing`: the Lambda function traces actively (X-Ray `Active`). `PassThrough` traces only
 * requests that arrive already sampled, so most invocations leave no trace: `missingTracing`
 * (FAIL by default). A listing that did not say: ERROR, never a pass. CDK's own helper functions
 * (log retention, BucketDeployment, custom resource providers) are SKIPPED: see {@link cdkHelperOf}.
 */
export function judgeFunctionTracing(fn: TracedFunction, missingTracing: 'WARN' | 'FAIL'): Finding {
  const evidence = { functionName: fn.name, tracingMode: fn.tracingMode ?? null };
  const helper = fn.tracingMode === 'Active' ? undefined : cdkHelperOf(fn);
  if (helper !== undefined) {
    return tracingFinding('function-tracing', fn.arn, {
      status: 'SKIPPED',
      message: `${fn.name} is ${helper}, which CDK adds to the stack and runs only while it deploys: its traces would say nothing about the service.`,
      evidence: { ...evidence, cdkHelper: helper, handler: fn.handler ?? null },
    });
  }
  if (fn.tracingMode === 'Active') {
    return tracingFinding('function-tracing', fn.arn, {
      status: 'PASS',
      message: `${fn.name} traces every invocation (X-Ray Active).`,
      evidence,
    });
  }
  if (fn.tracingMode === undefined) {
    return tracingFinding('function-tracing', fn.arn, {
      status: 'ERROR',
      message: `Could not evaluate: lambda:ListFunctions gave no tracing mode for ${fn.name}.`,
      evidence,
      remediation: `Read it with aws lambda get-function-configuration --function-name ${fn.name} and run again.`,
    });
  }
  return tracingFinding('function-tracing', fn.arn, {
    status: missingTracing,
    message: `${fn.name} does not trace actively (X-Ray ${fn.tracingMode}): its invocations leave no trace unless a caller sampled them.`,
    evidence,
    remediation: `Turn on active tracing (aws lambda update-function-configuration --function-name ${fn.name} --tracing-config Mode=Active; in CDK, tracing: Tracing.ACTIVE) and allow xray:PutTraceSegments to its role.`,
  });
}
