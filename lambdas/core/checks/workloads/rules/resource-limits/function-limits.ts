import type { Finding } from '../../../../findings';
import type { TracedFunction } from '../../../tracing/ports';
import { resourceLimitsFinding } from '../../finding';

/** Lambda's defaults and maximum: a function left at them was most likely never sized. */
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
export const LAMBDA_DEFAULT_MEMORY_MB = 128;
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/**
 * `function-limits`: the function's timeout and memory were set deliberately. Left at the defaults
 * (3 s, 128 MB) or a timeout at the 900 s maximum (a hung call runs, and is billed, 15 minutes):
 * `defaultFunctionLimits` (WARN by default). A listing without them: ERROR, never a pass.
 */
export function judgeFunctionLimits(fn: TracedFunction, defaultFunctionLimits: 'WARN' | 'FAIL'): Finding {
  const evidence = {
    functionName: fn.name,
    timeoutSeconds: fn.timeoutSeconds ?? null,
    memoryMb: fn.memoryMb ?? null,
  };
  if (fn.timeoutSeconds === undefined || fn.memoryMb === undefined) {
    return resourceLimitsFinding('function-limits', fn.arn, {
      status: 'ERROR',
      message: `Could not evaluate: lambda:ListFunctions gave no ${fn.timeoutSeconds === undefined ? 'Timeout' : 'MemorySize'} for ${fn.name}.`,
      evidence,
      remediation: `Read it with aws lambda get-function-configuration --function-name ${fn.name} and run again.`,
    });
  }
  const problems: string[] = [];
  if (fn.timeoutSeconds === LAMBDA_DEFAULT_TIMEOUT_SECONDS) {
    problems.push(`its timeout is left at the default ${LAMBDA_DEFAULT_TIMEOUT_SECONDS} s`);
  }
  if (fn.timeoutSeconds >= LAMBDA_MAX_TIMEOUT_SECONDS) {
    problems.push(
      `its timeout is at the ${LAMBDA_MAX_TIMEOUT_SECONDS} s maximum (a hung invocation runs 15 minutes)`,
    );
  }
  if (fn.memoryMb === LAMBDA_DEFAULT_MEMORY_MB) {
    problems.push(`its memory is left at the default ${LAMBDA_DEFAULT_MEMORY_MB} MB`);
  }
  if (problems.length === 0) {
    return resourceLimitsFinding('function-limits', fn.arn, {
      status: 'PASS',
      message: `${fn.name} has a ${fn.timeoutSeconds} s timeout and ${fn.memoryMb} MB of memory.`,
      evidence,
    });
  }
  return resourceLimitsFinding('function-limits', fn.arn, {
    status: defaultFunctionLimits,
    message: `${fn.name}: ${problems.join('; ')}.`,
    evidence,
    remediation: `Size it from its measured duration and memory (the REPORT lines of its logs, or Lambda Power Tuning): aws lambda update-function-configuration --function-name ${fn.name} --timeout <seconds> --memory-size <MB>; in CDK, timeout and memorySize.`,
  });
}
