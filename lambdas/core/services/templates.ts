import type { MetricDefinitionSettings } from '../config/watch-schema';
import { ownEntry } from '../own';

/*
 * Metric templates: a watch metric written once, `{"dimensions": {"LoadBalancer": "{loadBalancer}"}}`,
 * is filled per service and environment, so twenty services do not repeat twenty mappings.
 */

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** A placeholder no value was given for: where it is, so the configuration error can say so. */
export interface UnfilledPlaceholder {
  readonly metric: string;
  readonly field: string;
  readonly placeholder: string;
}

function fill(
  text: string,
  values: Readonly<Record<string, string>>,
  missing: (name: string) => void,
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    // Own entries only: `{constructor}` would otherwise be filled with what every object inherits.
    const value = ownEntry(values, name);
    if (value === undefined) {
      missing(name);
      return whole;
    }
    return value;
  });
}

/** The metrics with every placeholder filled from `values`, and the placeholders that had no value. */
export function fillMetricTemplates(
  metrics: Readonly<Record<string, MetricDefinitionSettings>>,
  values: Readonly<Record<string, string>>,
): { metrics: Record<string, MetricDefinitionSettings>; unfilled: UnfilledPlaceholder[] } {
  const unfilled: UnfilledPlaceholder[] = [];
  const filled: Record<string, MetricDefinitionSettings> = {};
  for (const [metric, definition] of Object.entries(metrics)) {
    const at = (field: string) => (placeholder: string) => unfilled.push({ metric, field, placeholder });
    if ('expression' in definition) {
      filled[metric] = definition;
      continue;
    }
    filled[metric] = {
      ...definition,
      namespace: fill(definition.namespace, values, at('namespace')),
      metricName: fill(definition.metricName, values, at('metricName')),
      dimensions: Object.fromEntries(
        Object.entries(definition.dimensions).map(([name, value]) => [
          name,
          fill(value, values, at(`dimensions.${name}`)),
        ]),
      ),
    };
  }
  return { metrics: filled, unfilled };
}
