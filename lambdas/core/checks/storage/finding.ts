import { findingBuilder } from '../kit/finding';

/** A finding of the disk-space check. */
export const diskSpaceFinding = findingBuilder<'free-space' | 'trend' | 'host-agent'>('disk-space');
