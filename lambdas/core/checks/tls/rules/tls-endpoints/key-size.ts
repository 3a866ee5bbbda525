import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ProbeConnected } from '../../ports';

/**
 * An intermediate (a chain certificate that is not a self-signed root) with a short RSA key: its
 * signature on the leaf is as weak as its key, and clients refuse such chains like such leaves.
 */
function weakIntermediate(resource: string, probe: ProbeConnected, minRsaBits: number): Finding | null {
  const weak = probe.chain
    .slice(1)
    .find(
      (cert) =>
        !cert.selfSigned && cert.keyType === 'rsa' && cert.keyBits !== null && cert.keyBits < minRsaBits,
    );
  if (weak === undefined) return null;
  return endpointFinding('key-size', resource, {
    status: 'FAIL',
    message: `Chain certificate "${weak.subject}" has a ${weak.keyBits}-bit RSA key, under the ${minRsaBits}-bit minimum.`,
    remediation: `Serve the current intermediate chain of your CA (RSA of at least ${minRsaBits} bits or EC).`,
    evidence: { subject: weak.subject, keyType: weak.keyType, keyBits: weak.keyBits, minRsaBits },
  });
}

/** The leaf's RSA key, and every intermediate's, is long enough; other key types pass. */
export function evaluateLeafKey(resource: string, probe: ProbeConnected, minRsaBits: number): Finding {
  const leaf = probe.chain[0];
  const evidence = { keyType: leaf?.keyType ?? null, keyBits: leaf?.keyBits ?? null, minRsaBits };
  const intermediate = weakIntermediate(resource, probe, minRsaBits);
  if (intermediate !== null && !(leaf?.keyType === 'rsa' && (leaf.keyBits ?? minRsaBits) < minRsaBits)) {
    return intermediate;
  }
  if (leaf?.keyType === 'rsa' && leaf.keyBits !== null) {
    return leaf.keyBits < minRsaBits
      ? endpointFinding('key-size', resource, {
          status: 'FAIL',
          message: `The certificate has a ${leaf.keyBits}-bit RSA key, under the ${minRsaBits}-bit minimum.`,
          remediation: `Reissue the certificate with an RSA key of at least ${minRsaBits} bits or an EC key.`,
          evidence,
        })
      : endpointFinding('key-size', resource, {
          status: 'PASS',
          message: `The certificate has a ${leaf.keyBits}-bit RSA key.`,
          evidence,
        });
  }
  if (leaf?.keyType !== undefined && leaf.keyType !== null && leaf.keyType !== 'rsa') {
    return endpointFinding('key-size', resource, {
      status: 'PASS',
      message: `The certificate has ${leaf.keyType.toUpperCase()} key${leaf.keyBits === null ? '' : ` (${leaf.keyBits} bits)`}.`,
      evidence,
    });
  }
  return endpointFinding('key-size', resource, {
    status: 'ERROR',
    message: 'Could not evaluate: the key of the certificate could not be read.',
    remediation: 'Inspect the certificate (openssl s_client) and report it to the Preflight maintainers.',
    evidence,
  });
}
