import type { EnvironmentRollbackRequest, EnvironmentRollbacks } from '../../aws/environment-rollbacks';
import type { ReportStore } from '../../aws/report-store';
import { reportKeys } from '../../aws/report-store';
import type { RollbackResult } from '../../aws/rollback';

/** The record at `watches/<deployment id>/rollback.json`: written before the action, completed after. */
export interface RollbackMarker {
  readonly runId: string;
  readonly action: string;
  readonly startedAt: string;
  readonly result?: RollbackResult;
}

/**
 * Runs the rollback action at most once per watch, even when the task is retried: a marker is
 * written before the action and completed after it. A retry that finds a completed marker returns
 * its result; one that finds only the start does not act again (the first attempt may have rolled
 * back already) and reports that the outcome is unknown, so people check by hand.
 */
export async function rollbackOnce(
  store: ReportStore,
  actions: Pick<EnvironmentRollbacks, 'run'>,
  request: EnvironmentRollbackRequest,
): Promise<RollbackResult> {
  const key = reportKeys.watchRollback(request.deploymentId);
  const prior = await store.getJson<RollbackMarker>(key);
  if (prior !== undefined && prior.runId === request.runId) {
    return (
      prior.result ?? {
        action: request.action.action,
        succeeded: false,
        detail: `an earlier attempt started the ${request.action.action} rollback at ${prior.startedAt} and its outcome is unknown; it is not run twice: check it, and roll back by hand if needed`,
      }
    );
  }
  const marker: RollbackMarker = {
    runId: request.runId,
    action: request.action.action,
    startedAt: new Date().toISOString(),
  };
  await store.putJson(key, marker);
  const result = await actions.run(request);
  await store.putJson(key, { ...marker, result });
  return result;
}
