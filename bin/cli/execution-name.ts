import { ExecutionNameError, executionName as nameFor } from '../../lambdas/core/execution-name';
import { sentence, UsageError } from './usage-error';

/** The execution name for a deployment id (see `lambdas/core/execution-name.ts`), as a usage error. */
export function executionName(deploymentId: string): string {
  try {
    return nameFor(deploymentId);
  } catch (error) {
    if (error instanceof ExecutionNameError) throw new UsageError(sentence(error.message));
    throw error;
  }
}
