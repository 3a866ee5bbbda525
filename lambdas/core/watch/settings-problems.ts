import type { WatchSettings } from '../config/watch-schema';
import type { TriggerDefinition } from './model';
import { resolutionProblem } from './resolution';
import { resolveTriggers } from './resolve';
import { statisticProblems } from './statistics';
import { type UnitProblem, unitProblems } from './units';
import { windowOf } from './window';

/**
 * A watch shorter than an acting trigger's window: that trigger can never breach (its window never
 * fills) nor pass (it needs its window's periods judged), so every such watch ends INCONCLUSIVE,
 * whatever the release does. Shadow triggers decide nothing and are left alone.
 */
function windowProblem(
  watch: Pick<WatchSettings, 'minutes' | 'periodSeconds'>,
  triggers: readonly TriggerDefinition[],
): string | null {
  const periods = Math.floor((watch.minutes * 60) / watch.periodSeconds);
  const short = triggers.filter((t) => !t.shadow && windowOf(t).of > periods);
  if (short.length === 0) return null;
  const longest = Math.max(...short.map((t) => windowOf(t).of));
  const needs = short.map((t) => `triggers.${t.id} needs ${windowOf(t).of}`).join(', ');
  const ids = short.map((t) => t.id).join(', ');
  return `a ${watch.minutes}-minute watch judges ${periods} periods of ${watch.periodSeconds} s, and ${needs} (${short.length === 1 ? 'its window' : 'their windows'}): it could never roll back on ${ids} nor pass it, and would end INCONCLUSIVE every time; expected at least ${Math.ceil((longest * watch.periodSeconds) / 60)} minutes, or a shorter window for the trigger (or make it shadow)`;
}

/**
 * What a watch start refuses in valid settings, by the key below `watch`: a period finer than the
 * AWS metrics its triggers read, a latency threshold or floor that cannot be in its metric's unit, a
 * count read with a statistic that is not a count, a watch shorter than a trigger's window. The start refuses them; `cdk synth` warns of them.
 */
export function watchSettingsProblems(
  watch: Pick<WatchSettings, 'metrics' | 'periodSeconds' | 'triggers' | 'minutes'>,
): UnitProblem[] {
  const triggers = resolveTriggers(watch.triggers);
  const resolution = resolutionProblem(watch, triggers);
  const window = windowProblem(watch, resolveTriggers(watch.triggers, watch.periodSeconds));
  return [
    ...(resolution === null ? [] : [{ key: 'periodSeconds', message: resolution }]),
    ...unitProblems(watch, triggers, watch.triggers),
    ...statisticProblems(watch, triggers),
    ...(window === null ? [] : [{ key: 'minutes', message: window }]),
  ];
}
