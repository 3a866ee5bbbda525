import { findingBuilder } from '../kit/finding';

/** A finding of the network-configuration check. */
export const networkFinding = findingBuilder<'open-ingress' | 'flow-logs'>('network-configuration');
