import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ProbeConnected } from '../../ports';

/** Protocols a client may still be offered; anything older is broken or deprecated (RFC 8996). */
const GOOD_PROTOCOLS = new Set(['TLSv1.2', 'TLSv1.3']);

const LEGACY_FIX =
  'Disable TLS 1.0/1.1: choose a TLS 1.2+ security policy (ELB: ELBSecurityPolicy-TLS13-1-2-2021-06; ' +
  'CloudFront: TLSv1.2_2021).';

/**
 * TLS 1.2 or better was negotiated, and a client offering only TLS 1.0 or 1.1 is refused: a server
 * that speaks TLS 1.3 to a modern client may still speak TLS 1.0 to anyone who asks for it.
 */
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
  if (!GOOD_PROTOCOLS.has(probe.protocol)) {
    return endpointFinding('protocol', resource, {
      status: 'FAIL',
      message: `The endpoint still negotiates ${probe.protocol}, deprecated (RFC 8996).`,
      remediation: LEGACY_FIX,
      evidence,
    });
  }
  const legacy = probe.legacy;
  switch (legacy.outcome) {
    case 'refused':
      return endpointFinding('protocol', resource, {
        status: 'PASS',
        message: `Negotiated ${probe.protocol}; TLS 1.0 and 1.1 are refused.`,
        evidence: { ...evidence, legacyRefused: legacy.code },
      });
    case 'accepted':
      return endpointFinding('protocol', resource, {
        status: 'FAIL',
        message: `Negotiated ${probe.protocol}, but the endpoint still accepts ${legacy.protocol} from a client that offers nothing newer (deprecated, RFC 8996).`,
        remediation: LEGACY_FIX,
        evidence: { ...evidence, legacyAccepted: legacy.protocol },
      });
    case 'unknown':
      return endpointFinding('protocol', resource, {
        status: 'ERROR',
        message: `Could not evaluate: negotiated ${probe.protocol}, but whether the endpoint still accepts TLS 1.0 or 1.1 is unknown (${legacy.message}).`,
        remediation: 'Probe the endpoint again; raise timeoutMs if it answers slowly.',
        evidence: { ...evidence, legacyUnknown: legacy.code },
      });
  }
}
