import { findingBuilder } from '../kit/finding';

/** A finding of the auto-scaling-policies check. */
export const scalingFinding = findingBuilder<'policies' | 'minimum-capacity' | 'headroom'>(
  'auto-scaling-policies',
);
