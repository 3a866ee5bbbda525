import type { Finding } from '../../../../findings';
import { acmFinding } from '../../finding';
import type { AcmCertificate } from '../../ports';
import { name } from './name';

/** RSA keys shorter than `minRsaBits` fail; EC keys pass; an unknown algorithm cannot be judged. */
export function evaluateKeySize(cert: AcmCertificate, minRsaBits: number): Finding {
  const algorithm = cert.keyAlgorithm;
  const rsa = algorithm === null ? null : /^RSA[-_]?(\d+)$/i.exec(algorithm);
  const evidence = { domainName: cert.domainName, keyAlgorithm: algorithm, minRsaBits };
  if (rsa?.[1] !== undefined) {
    const bits = Number(rsa[1]);
    return bits < minRsaBits
      ? acmFinding('key-size', cert.arn, {
          status: 'FAIL',
          message: `${name(cert)} has a ${bits}-bit RSA key, under the ${minRsaBits}-bit minimum.`,
          remediation: `Issue a replacement with RSA_${Math.max(minRsaBits, 2048)} or an EC key and switch to it.`,
          evidence: { ...evidence, keyBits: bits },
        })
      : acmFinding('key-size', cert.arn, {
          status: 'PASS',
          message: `${name(cert)} has a ${bits}-bit RSA key.`,
          evidence: { ...evidence, keyBits: bits },
        });
  }
  if (algorithm !== null && /^EC[-_]/i.test(algorithm)) {
    return acmFinding('key-size', cert.arn, {
      status: 'PASS',
      message: `${name(cert)} has an ${algorithm} key.`,
      evidence,
    });
  }
  return acmFinding('key-size', cert.arn, {
    status: 'ERROR',
    message: `Could not evaluate: unknown key algorithm ${algorithm ?? '(none given)'} for ${name(cert)}.`,
    remediation:
      'Check the certificate in the ACM console; report the algorithm to the Preflight maintainers.',
    evidence,
  });
}
