import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ProbeConnected } from '../../ports';
import { isWeakSignature } from './chain';

/**
 * SHA-1/MD5 signatures on the leaf or an intermediate fail. A root's self-signature is not judged
 * (clients trust the root itself, not its signature), but the leaf always is, self-signed or not.
 */
export function evaluateSignatures(resource: string, probe: ProbeConnected): Finding {
  const judged = probe.chain.filter((cert, index) => index === 0 || !cert.selfSigned);
  const weak = judged.filter((cert) => isWeakSignature(cert.signatureAlgorithm));
  const evidence = {
    signatures: judged.map((cert) => ({
      subject: cert.subject,
      signatureAlgorithm: cert.signatureAlgorithm,
    })),
  };
  if (weak.length === 0) {
    return endpointFinding('signature', resource, {
      status: 'PASS',
      message: `No weak signature in the chain (${[...new Set(judged.map((c) => c.signatureAlgorithm))].join(', ')}).`,
      evidence,
    });
  }
  return endpointFinding('signature', resource, {
    status: 'FAIL',
    message: `Weak signature in the chain: ${weak.map((c) => `"${c.subject}" (${c.signatureAlgorithm})`).join(', ')}.`,
    remediation: 'Reissue the certificate (and serve intermediates) signed with SHA-256 or better.',
    evidence,
  });
}
