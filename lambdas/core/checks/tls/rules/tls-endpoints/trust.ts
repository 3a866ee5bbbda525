import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ProbeConnected } from '../../ports';

/** How a private CA is trusted, in both places a probe runs: the CLI's flag and the check's key. */
export const TRUST_PRIVATE_CA =
  'trust its CA bundle (`preflight probe-tls --ca-file PEM`; for the check, `checks.tls-endpoints.caFile`)';

function trustFix(error: string | null): string {
  switch (error) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `Serve the full chain (certificate plus intermediates); if a private CA issued it, ${TRUST_PRIVATE_CA}.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `Replace the self-signed certificate with one from a trusted CA, or ${TRUST_PRIVATE_CA}.`;
    default:
      return `Serve a certificate chain from a publicly trusted CA; for a private CA, ${TRUST_PRIVATE_CA}.`;
  }
}

/** The chain leads to a trusted root. */
export function evaluateTrust(resource: string, probe: ProbeConnected): Finding {
  const evidence = {
    chainTrusted: probe.chainTrusted,
    trustError: probe.trustError,
    issuer: probe.chain[0]?.issuer,
  };
  return probe.chainTrusted
    ? endpointFinding('trust', resource, {
        status: 'PASS',
        message: 'The chain leads to a trusted root.',
        evidence,
      })
    : endpointFinding('trust', resource, {
        status: 'FAIL',
        message: `The chain is not trusted (${probe.trustError ?? 'no reason given'}).`,
        remediation: trustFix(probe.trustError),
        evidence,
      });
}
