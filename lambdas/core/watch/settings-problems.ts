import type { WatchSettings } from '../config/watch-schema';
import { resolutionProblem } from './resolution';
import { resolveTriggers } from './resolve';
import { type UnitProblem, unitProblems } from './units';

/**
 * What a watch start refuses in valid settings, by the key below `watch`: a period finer than the
 * AWS metrics its triggers read, a latency threshold or floor that cannot be in its metric's unit.
 * The start refuses them; `cdk synth` warns of them.
 */
export function watchSettingsProblems(
  watch: Pick<WatchSettings, 'metrics' | 'periodSeconds' | 'triggers'>,
): UnitProblem[] {
  const triggers = resolveTriggers(watch.triggers);
  const resolution = resolutionProblem(watch, triggers);
  return [
    ...(resolution === null ? [] : [{ key: 'periodSeconds', message: resolution }]),
    ...unitProblems(watch, triggers, watch.triggers),
  ];
}
