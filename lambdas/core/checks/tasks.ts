import type { CheckId } from '../config/schema';
import { CATALOGUE } from './catalogue';
import type { CheckTask } from './unreachable';

export type { CheckTask } from './unreachable';
export { unreachableResult } from './unreachable';

/**
 * Every check in every region of the environment; an account-wide check once, in the first region
 * (IAM is global: judging it per region would only repeat it). No regions: one task per check.
 */
export function planCheckTasks(checkIds: readonly string[], regions: readonly string[]): CheckTask[] {
  if (regions.length === 0) return checkIds.map((checkId) => ({ checkId }));
  return checkIds.flatMap((checkId) => {
    const accountWide = CATALOGUE[checkId as CheckId]?.scope.kind === 'account';
    return (accountWide ? regions.slice(0, 1) : regions).map((region) => ({ checkId, region }));
  });
}

/** The same task, as a string: `alarms` or `alarms@eu-west-1`. */
export const taskKey = (task: CheckTask) =>
  task.region === undefined ? task.checkId : `${task.checkId}@${task.region}`;
