import { X509Certificate } from 'node:crypto';
import { isSelfSigned } from './chain';

/** OpenSSL verification errors about dates only; the expiry rule judges dates on its own. */
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Whether the chain leads to a trusted root, and OpenSSL's reason when it does not. */
export interface TrustVerdict {
  readonly chainTrusted: boolean;
  readonly trustError: string | null;
}

/** Every certificate of a PEM bundle. */
export function splitPemBundle(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function untrustedReason(chain: readonly X509Certificate[]): string {
  const top = chain[chain.length - 1];
  if (top !== undefined && isSelfSigned(top)) {
    return chain.length === 1 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN';
  }
  return 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
}

/**
 * Decides chain trust from node's verification result. OpenSSL reports a single error, and a date
 * error is found last, so it hides whether the chain was trusted: then the signatures are checked
 * here, link by link up to an anchor (by fingerprint, or as the issuer of the top certificate).
 */
export function judgeTrust(
  authorizationError: string | null,
  chain: readonly X509Certificate[],
  anchorsPem: () => readonly string[],
): TrustVerdict {
  if (authorizationError === null) return { chainTrusted: true, trustError: null };
  if (!DATE_ERRORS.has(authorizationError)) return { chainTrusted: false, trustError: authorizationError };
  const linked = chain.every((cert, i) => {
    const issuer = chain[i + 1];
    return issuer === undefined || signedBy(cert, issuer);
  });
  const top = chain[chain.length - 1];
  if (linked && top !== undefined) {
    const anchors = anchorsPem().map((pem) => new X509Certificate(pem));
    if (anchors.some((anchor) => anchor.fingerprint256 === top.fingerprint256 || signedBy(top, anchor))) {
      return { chainTrusted: true, trustError: null };
    }
  }
  return { chainTrusted: false, trustError: untrustedReason(chain) };
}
