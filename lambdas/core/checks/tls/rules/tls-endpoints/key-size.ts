import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { ProbeConnected } from '../../ports';

/** The leaf's RSA key is long enough; other key types pass. */
export function evaluateLeafKey(resource: string, probe: ProbeConnected, minRsaBits: number): Finding {
  const leaf = probe.chain[0];
  const evidence = { keyType: leaf?.keyType ?? null, keyBits: leaf?.keyBits ?? null, minRsaBits };
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
