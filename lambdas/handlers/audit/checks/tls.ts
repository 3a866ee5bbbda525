import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsTlsPorts } from '../../../aws/tls';
import { checkFunction } from '../check-function';

/** The TLS family's check function: ACM and the TLS probe, and the scope's clients. */
export const { run, handler } = checkFunction('tls', { tls: createAwsTlsPorts, scope: createAwsScopePorts });
