import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ClientCertificateRequest } from '../../ports';

/**
 * A server that asks for a client certificate (mutual TLS) is working as designed: it is reported
 * so that people know why a client without a certificate is refused, never as a broken endpoint.
 * Its own certificate was presented before the request, and the other rules judge it.
 */
export function evaluateClientCertificate(resource: string, request: ClientCertificateRequest): Finding {
  switch (request.outcome) {
    case 'required':
      return endpointFinding('client-certificate', resource, {
        status: 'PASS',
        message: `The endpoint requires a client certificate (mutual TLS): it presented its own certificate, judged by the other rules, then refused the probe, which sends none (${request.message}).`,
        evidence: { clientCertificate: 'required', code: request.code },
      });
    case 'optional':
      return endpointFinding('client-certificate', resource, {
        status: 'PASS',
        message:
          'The endpoint asks for a client certificate (mutual TLS) but went on without one: clients without a certificate are served.',
        evidence: { clientCertificate: 'optional' },
      });
    case 'unknown':
      return endpointFinding('client-certificate', resource, {
        status: 'PASS',
        message: `The endpoint asks for a client certificate (mutual TLS); whether it requires one is unknown (${request.message}).`,
        evidence: { clientCertificate: 'unknown' },
      });
  }
}
