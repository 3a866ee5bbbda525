import type { WatchSettings } from '../config/watch-schema';
import { ownEntry } from '../own';
import type { TriggerDefinition } from './model';
import { metricIdsOfTrigger } from './period-reading';

/*
 * Periods under a minute need high-resolution metrics: CloudWatch keeps AWS services' own metrics
 * (every `AWS/` namespace) at one minute at best, and GetMetricData returns nothing for them at a
 * period of 10 or 30 seconds. A watch at such a period over them would read no data at every step,
 * escalate, and end INCONCLUSIVE every time.
 */

/** Why `periodSeconds` cannot read the metrics the enabled triggers use, or `null`. */
export function resolutionProblem(
  settings: Pick<WatchSettings, 'metrics' | 'periodSeconds'>,
  triggers: readonly TriggerDefinition[],
): string | null {
  if (settings.periodSeconds >= 60) return null;
  const standard = [...new Set(triggers.flatMap(metricIdsOfTrigger))].flatMap((id) => {
    const metric = ownEntry(settings.metrics, id);
    if (metric === undefined || 'expression' in metric || !metric.namespace.startsWith('AWS/')) return [];
    return [`${id} (${metric.namespace} ${metric.metricName})`];
  });
  if (standard.length === 0) return null;
  return `${settings.periodSeconds} s with ${standard.join(', ')}: AWS services publish their metrics every minute at best, and GetMetricData returns nothing for them below 60 s; expected 60 or a multiple of it (under a minute only with high-resolution custom metrics)`;
}
