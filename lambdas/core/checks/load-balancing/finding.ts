import { findingBuilder } from '../kit/finding';

/** A finding of the load-balancer-health-checks check. */
export const healthCheckFinding = findingBuilder<'health-check' | 'target-health'>(
  'load-balancer-health-checks',
);
