import type { CheckTask } from './unreachable';

/**
 * Every check in every region of the environment; an account-wide check (`accountWide`) once, in the
 * first region (IAM is global: judging it per region would only repeat it). No regions: one task per
 * check. Apart from the catalogue, so that the report step plans with the slice it is given.
 */
export function planTasks(
  checkIds: readonly string[],
  regions: readonly string[],
  accountWide: (checkId: string) => boolean,
): CheckTask[] {
  if (regions.length === 0) return checkIds.map((checkId) => ({ checkId }));
  return checkIds.flatMap((checkId) =>
    (accountWide(checkId) ? regions.slice(0, 1) : regions).map((region) => ({ checkId, region })),
  );
}

/** The same task, as a string: `alarms` or `alarms@eu-west-1`. */
export const taskKey = (task: CheckTask) =>
  task.region === undefined ? task.checkId : `${task.checkId}@${task.region}`;
