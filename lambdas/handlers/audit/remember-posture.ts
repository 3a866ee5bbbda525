import middy from '@middy/core';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { RememberPostureEvent } from './contract';
import { RememberPostureEnvironment } from './env';

let store: S3ReportStore | undefined;

/** The report step staged no readable memory for the run: nothing is saved, the old memory stays. */
export class StagedPostureMissingError extends Error {
  override readonly name = 'StagedPostureMissingError';
}

/** The staged memory is ours, but it is read back from S3: only a list of finding keys is saved. */
function isKeyList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((key) => typeof key === 'string');
}

/**
 * Runs only after the scheduled audit's alert was published: saves the memory the report step
 * staged, so the next run compares with what people were told. A publish that failed skips this
 * step, the memory stays as it was, and the next run alerts on the same change again.
 */
export async function run(event: RememberPostureEvent): Promise<{ postureKey: string; failing: number }> {
  store ??= new S3ReportStore(RememberPostureEnvironment.read().REPORT_BUCKET);
  const staged = await store.getJson<unknown>(reportKeys.pendingPosture(event.runId));
  if (!isKeyList(staged)) {
    throw new StagedPostureMissingError(
      `No memory to save for run ${event.runId}: s3://${store.bucket}/${reportKeys.pendingPosture(event.runId)} is missing or not a list of finding keys`,
    );
  }
  const postureKey = reportKeys.posture(event.scope);
  await store.putJson(postureKey, staged);
  logger.info('posture remembered', { runId: event.runId, postureKey, failing: staged.length });
  return { postureKey, failing: staged.length };
}

export const handler = middy(run).use(baseMiddleware({ environment: RememberPostureEnvironment }));
