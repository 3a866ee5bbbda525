import type { Executions, ExecutionView } from '../../lambdas/aws/executions';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often a still-running execution is reported, so a long wait does not flood a CI log. */
const REPORT_EVERY_MS = 60_000;

/** Seconds an execution has been running, from its start when known. */
export function elapsedSeconds(view: ExecutionView, fallbackStartMs: number, nowMs: number): number {
  const started = view.startedAt === undefined ? fallbackStartMs : Date.parse(view.startedAt);
  return Math.max(0, Math.round((nowMs - started) / 1000));
}

/**
 * Polls an execution with DescribeExecution until it ends, writing to stderr that it still runs and
 * for how long (`waiting: running (120 s)`) at the first poll and then once a minute. It reads no
 * execution history: the caller needs no `states:GetExecutionHistory`.
 */
export async function followExecution(
  executions: Executions,
  executionArn: string,
  pollSeconds: number,
  verb: string,
): Promise<ExecutionView> {
  const started = Date.now();
  let reportedAt = Number.NEGATIVE_INFINITY;
  for (;;) {
    const view = await executions.describe(executionArn);
    if (view.status !== 'RUNNING') return view;
    const now = Date.now();
    if (now - reportedAt >= REPORT_EVERY_MS) {
      process.stderr.write(`${verb}: running (${elapsedSeconds(view, started, now)} s)\n`);
      reportedAt = now;
    }
    await sleep(pollSeconds * 1000);
  }
}
