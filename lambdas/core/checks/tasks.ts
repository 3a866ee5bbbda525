import type { CheckId } from '../config/schema';
import { CATALOGUE } from './catalogue';
import { planTasks } from './task-plan';
import type { CheckTask } from './unreachable';

export { taskKey } from './task-plan';
export type { CheckTask } from './unreachable';
export { unreachableResult } from './unreachable';

/**
 * Every check in every region of the environment; an account-wide check once, in the first region
 * (IAM is global: judging it per region would only repeat it). No regions: one task per check.
 */
export function planCheckTasks(checkIds: readonly string[], regions: readonly string[]): CheckTask[] {
  return planTasks(checkIds, regions, (checkId) => CATALOGUE[checkId as CheckId]?.scope.kind === 'account');
}
