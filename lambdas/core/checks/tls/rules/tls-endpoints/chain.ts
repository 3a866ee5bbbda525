import type { PresentedCertificate } from '../../ports';

const WEAK_DIGEST = /sha1|md5|md2/i;
/** OIDs of SHA-1/MD5 signatures, for when the adapter could only give the OID. */
const WEAK_OIDS = new Set([
  '1.2.840.113549.1.1.5',
  '1.2.840.10045.4.1',
  '1.2.840.10040.4.3',
  '1.2.840.113549.1.1.4',
]);

/** The certificate of the chain that expires first: the one that breaks the endpoint first. */
export function earliestExpiring(chain: readonly PresentedCertificate[]): PresentedCertificate | undefined {
  let earliest: PresentedCertificate | undefined;
  for (const cert of chain) {
    if (earliest === undefined || cert.notAfter.getTime() < earliest.notAfter.getTime()) earliest = cert;
  }
  return earliest;
}

/** Whether a signature algorithm uses a broken digest (SHA-1, MD5). */
export function isWeakSignature(algorithm: string): boolean {
  return WEAK_DIGEST.test(algorithm) || WEAK_OIDS.has(algorithm);
}

/** The certificate of the chain whose validity starts last: the chain is valid from then on. */
export function latestStarting(chain: readonly PresentedCertificate[]): PresentedCertificate | undefined {
  let latest: PresentedCertificate | undefined;
  for (const cert of chain) {
    if (latest === undefined || cert.notBefore.getTime() > latest.notBefore.getTime()) latest = cert;
  }
  return latest;
}
