import { findingBuilder } from '../kit/finding';

/** A finding of the tracing check. */
export const tracingFinding = findingBuilder<'function-tracing' | 'state-machine-tracing' | 'stage-tracing'>(
  'tracing',
);
