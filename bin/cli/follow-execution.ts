import type { Executions, ExecutionView } from '../../lambdas/aws/executions';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls an execution until it ends, writing the state it is in to stderr whenever that changes
 * (`waiting: Collect sign-offs (120 s)`), so a CI log shows where a long run stands.
 */
export async function followExecution(
  executions: Executions,
  executionArn: string,
  pollSeconds: number,
  verb: string,
): Promise<ExecutionView> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const view = await executions.describe(executionArn);
    if (view.status !== 'RUNNING') return view;
    const state = await executions.currentState(executionArn).catch(() => undefined);
    const line = `${verb}: ${state ?? 'running'}`;
    if (line !== last) process.stderr.write(`${line} (${Math.round((Date.now() - started) / 1000)} s)\n`);
    last = line;
    await sleep(pollSeconds * 1000);
  }
}
