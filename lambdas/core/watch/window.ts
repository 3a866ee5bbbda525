import type { BreachWindow, PeriodRecord, TriggerDefinition } from './model';

/** The window a trigger breaches on: a critical trigger acts on a single breaching period. */
export function windowOf(trigger: TriggerDefinition): BreachWindow {
  return trigger.critical ? { breaching: 1, of: 1 } : trigger.window;
}

/**
 * At least `breaching` of the last `of` judged periods breach. Periods that could not be judged
 * (missing data under the inconclusive policy, too little traffic) are not in `lastJudged`: they
 * neither count nor break a run, as CloudWatch does with missing data. A passing period does, so
 * B,B,P,B,B is not 5 consecutive breaches.
 */
export function windowBreached(lastJudged: readonly PeriodRecord[], window: BreachWindow): boolean {
  const tail = lastJudged.slice(-window.of);
  return tail.filter((record) => record.mark === 'B').length >= window.breaching;
}
