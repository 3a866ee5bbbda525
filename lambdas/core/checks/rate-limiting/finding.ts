import { findingBuilder } from '../kit/finding';

/** A finding of the rate-limiting check. */
export const rateLimitFinding = findingBuilder<'rate-based-rule' | 'stage-throttling'>('rate-limiting');
