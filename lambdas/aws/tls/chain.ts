import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import type { PresentedCertificate } from '../../core/checks/tls/ports';
import { signatureAlgorithmOf } from './signature-algorithm';

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

/**
 * The chain as node reports it, leaf first: what the server sent, completed with the issuer node found
 * in the trust store. Stops at a self-issued certificate (node links a root to itself) or a repeat.
 */
export function walkPeerChain(leaf: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw !== undefined && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

/**
 * Named and signed by itself. Not `checkIssued(cert)`: OpenSSL's issuer check also wants keyCertSign,
 * which a self-signed server certificate lacks.
 */
export function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.subject === cert.issuer && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

function keyOf(cert: X509Certificate): { keyType: string | null; keyBits: number | null } {
  const key = cert.publicKey;
  const type = key.asymmetricKeyType ?? null;
  const details = key.asymmetricKeyDetails;
  if (type === 'rsa' || type === 'rsa-pss')
    return { keyType: 'rsa', keyBits: details?.modulusLength ?? null };
  if (type === 'ec') return { keyType: 'ec', keyBits: CURVE_BITS[details?.namedCurve ?? ''] ?? null };
  if (type === 'ed25519') return { keyType: type, keyBits: 256 };
  if (type === 'ed448') return { keyType: type, keyBits: 456 };
  return { keyType: type, keyBits: null };
}

/** The plain data the domain judges, for one certificate. */
export function describeCertificate(cert: X509Certificate): PresentedCertificate {
  const signature = signatureAlgorithmOf(cert.raw);
  return {
    subject: cert.subject.replaceAll('\n', ', '),
    issuer: cert.issuer.replaceAll('\n', ', '),
    // Node 20 gives OpenSSL's "Mar  1 12:00:00 2030 GMT" form, which Date parses.
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    ...keyOf(cert),
    signatureAlgorithm: signature.name ?? signature.oid,
    selfSigned: isSelfSigned(cert),
  };
}
