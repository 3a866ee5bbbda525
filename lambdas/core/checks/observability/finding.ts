import { findingBuilder } from '../kit/finding';

/** A finding of the log-delivery check. */
export const logFinding = findingBuilder<'recent-events' | 'retention'>('log-delivery');
/** A finding of the metrics-collection check. */
export const metricFinding = findingBuilder<'datapoints'>('metrics-collection');
