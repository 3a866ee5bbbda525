import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ProbeConnected } from '../../ports';

/** The leaf is valid for the SNI name. */
export function evaluateHostname(resource: string, servername: string, probe: ProbeConnected): Finding {
  const evidence = { servername, hostnameMatches: probe.hostnameMatches, subject: probe.chain[0]?.subject };
  return probe.hostnameMatches
    ? endpointFinding('hostname', resource, {
        status: 'PASS',
        message: `The certificate is valid for ${servername}.`,
        evidence,
      })
    : endpointFinding('hostname', resource, {
        status: 'FAIL',
        message: `The certificate is not valid for ${servername}: ${probe.hostnameError ?? 'name mismatch'}.`,
        remediation: `Serve a certificate whose subjectAltName covers ${servername} (check the SNI routing of the endpoint).`,
        evidence: { ...evidence, hostnameError: probe.hostnameError },
      });
}
