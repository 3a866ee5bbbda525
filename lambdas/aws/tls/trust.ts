import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
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

/** `cert` names `issuer` as its issuer and carries its signature. */
export function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
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

let systemRoots: readonly X509Certificate[] | undefined;

/** The trust anchors: the system roots (parsed once per process) and the extra CAs, parsed. */
export function anchorCertificates(extraPem: readonly string[]): readonly X509Certificate[] {
  systemRoots ??= tls.rootCertificates.map((pem) => new X509Certificate(pem));
  return [...systemRoots, ...extraPem.map((pem) => new X509Certificate(pem))];
}

/**
 * The path a current client verifies, leaf first: the certificates the server sent, up to the first
 * one a trust anchor issued (or that is an anchor), then that anchor. OpenSSL (since 1.1.0), browsers
 * and Go try trusted certificates first, so what a server sends beyond (an old root's cross-sign of
 * the anchor, long expired or signed with SHA-1) is never used, and is not judged. A chain that
 * reaches no anchor is returned as sent.
 */
export function trustedFirstPath(
  chain: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
): X509Certificate[] {
  for (const [index, cert] of chain.entries()) {
    if (anchors.some((anchor) => anchor.fingerprint256 === cert.fingerprint256)) {
      return chain.slice(0, index + 1);
    }
    const anchor = anchors.find((candidate) => signedBy(cert, candidate));
    if (anchor !== undefined) return [...chain.slice(0, index + 1), anchor];
  }
  return [...chain];
}

/**
 * Decides chain trust from node's verification result. OpenSSL reports a single error, and a date
 * error is found last, so it hides whether the chain was trusted: then the signatures are checked
 * here, link by link up to an anchor (by fingerprint, or as the issuer of the top certificate).
 */
export function judgeTrust(
  authorizationError: string | null,
  chain: readonly X509Certificate[],
  anchors: () => readonly X509Certificate[],
): TrustVerdict {
  if (authorizationError === null) return { chainTrusted: true, trustError: null };
  if (!DATE_ERRORS.has(authorizationError)) return { chainTrusted: false, trustError: authorizationError };
  const linked = chain.every((cert, i) => {
    const issuer = chain[i + 1];
    return issuer === undefined || signedBy(cert, issuer);
  });
  const top = chain[chain.length - 1];
  if (linked && top !== undefined) {
    if (anchors().some((anchor) => anchor.fingerprint256 === top.fingerprint256 || signedBy(top, anchor))) {
      return { chainTrusted: true, trustError: null };
    }
  }
  return { chainTrusted: false, trustError: untrustedReason(chain) };
}
