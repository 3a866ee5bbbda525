import { type KeyObject, X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import type { PresentedCertificate } from '../../core/checks/tls/ports';
import { type KeyUsages, keyUsagesOf } from './key-usage';
import { publicKeyAlgorithmOf, signatureAlgorithmOf } from './signature-algorithm';

/** Field sizes of the curves seen on certificates (SEC 2, RFC 5639); other curves are named, unsized. */
const CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
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

type KeyFields = Pick<PresentedCertificate, 'keyType' | 'keyBits' | 'keyCurve'>;

/**
 * The subject key as the rules judge it. A key node cannot load (an algorithm OpenSSL does not know)
 * is still named, by the algorithm in the certificate, so that the key-size rule can say which.
 */
function keyOf(cert: X509Certificate): KeyFields {
  let key: KeyObject;
  try {
    key = cert.publicKey;
  } catch {
    try {
      return { keyType: publicKeyAlgorithmOf(cert.raw), keyBits: null, keyCurve: null };
    } catch {
      return { keyType: null, keyBits: null, keyCurve: null };
    }
  }
  const type = key.asymmetricKeyType ?? null;
  const details = key.asymmetricKeyDetails;
  if (type === 'rsa' || type === 'rsa-pss')
    return { keyType: 'rsa', keyBits: details?.modulusLength ?? null, keyCurve: null };
  if (type === 'dsa') return { keyType: type, keyBits: details?.modulusLength ?? null, keyCurve: null };
  if (type === 'ec') {
    const curve = details?.namedCurve ?? null;
    return { keyType: 'ec', keyBits: curve === null ? null : (CURVE_BITS[curve] ?? null), keyCurve: curve };
  }
  if (type === 'ed25519') return { keyType: type, keyBits: 256, keyCurve: null };
  if (type === 'ed448') return { keyType: type, keyBits: 456, keyCurve: null };
  return { keyType: type, keyBits: null, keyCurve: null };
}

/** The certificate's usage extensions; unreadable ones as absent, as node itself reads them. */
function usagesOf(cert: X509Certificate): KeyUsages {
  try {
    return keyUsagesOf(cert.raw);
  } catch {
    return { keyUsage: null, extendedKeyUsage: null };
  }
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
    ...usagesOf(cert),
  };
}
