import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsTlsPorts } from '../../../aws/tls';
import { tlsChecks } from '../../../core/checks/tls/definitions';
import { checkFunction } from '../check-function';

/** The TLS family's check function: ACM and the TLS probe, and the scope's clients. */
export const { run, handler } = checkFunction('tls', tlsChecks, {
  tls: createAwsTlsPorts,
  scope: createAwsScopePorts,
});
