import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ProbeConnected } from '../../ports';

/** Protocols a client may still be offered; anything older is broken or deprecated (RFC 8996). */
const GOOD_PROTOCOLS = new Set(['TLSv1.2', 'TLSv1.3']);

/** TLS 1.2 or better was negotiated. */
export function evaluateProtocol(resource: string, probe: ProbeConnected): Finding {
  const evidence = { protocol: probe.protocol };
  if (probe.protocol === null) {
    return endpointFinding('protocol', resource, {
      status: 'ERROR',
      message: 'Could not evaluate: the negotiated protocol is unknown.',
      remediation: 'Probe the endpoint again; report it to the Preflight maintainers if this persists.',
      evidence,
    });
  }
  return GOOD_PROTOCOLS.has(probe.protocol)
    ? endpointFinding('protocol', resource, {
        status: 'PASS',
        message: `Negotiated ${probe.protocol}.`,
        evidence,
      })
    : endpointFinding('protocol', resource, {
        status: 'FAIL',
        message: `The endpoint still negotiates ${probe.protocol}, deprecated (RFC 8996).`,
        remediation:
          'Disable TLS 1.0/1.1: choose a TLS 1.2+ security policy (ELB: ELBSecurityPolicy-TLS13-1-2-2021-06; ' +
          'CloudFront: TLSv1.2_2021).',
        evidence,
      });
}
