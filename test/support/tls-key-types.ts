import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import forge from 'node-forge';
import type { TestCertificate, TestKey } from './tls-certs';

/*
 * Certificates with any key node:crypto can make (EC on any curve OpenSSL knows, DSA, Ed25519, Ed448,
 * X25519), signed by any such key. node-forge writes the TBSCertificate (it only knows RSA keys, so
 * the subject key and the signature algorithm are put in afterwards) and node:crypto signs it.
 */

/** A key pair and its private key in PEM, for a TLS server. */
export interface AnyKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly privateKeyPem: string;
}

/** Key kinds the tests use; curves by OpenSSL name (`prime256v1`, `secp256k1`, `brainpoolP256r1`...). */
export type KeyKind =
  | { readonly type: 'ec'; readonly curve: string }
  | { readonly type: 'dsa'; readonly bits: number }
  | { readonly type: 'rsa'; readonly bits: number }
  | { readonly type: 'ed25519' | 'ed448' | 'x25519' };

export function generateAnyKey(kind: KeyKind): AnyKey {
  const pair =
    kind.type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: kind.curve })
      : kind.type === 'dsa'
        ? generateKeyPairSync('dsa', { modulusLength: kind.bits, divisorLength: 160 })
        : kind.type === 'rsa'
          ? generateKeyPairSync('rsa', { modulusLength: kind.bits })
          : kind.type === 'ed25519'
            ? generateKeyPairSync('ed25519')
            : kind.type === 'ed448'
              ? generateKeyPairSync('ed448')
              : generateKeyPairSync('x25519');
  return {
    ...pair,
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** An RSA key of `tls-certs.ts` as an AnyKey. */
export function anyKeyOf(key: TestKey): AnyKey {
  const privateKey = createPrivateKey(key.privateKeyPem);
  return { privateKey, publicKey: createPublicKey(privateKey), privateKeyPem: key.privateKeyPem };
}

/** An issuer: its name and the private key that signs. */
export interface Issuer {
  readonly subject: forge.pki.CertificateField[];
  readonly privateKey: KeyObject;
}

/** A generated certificate, its PEM and what it takes to issue under it. */
export interface IssuedCertificate extends Issuer {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A certificate of `tls-certs.ts` (RSA, forge) as an issuer here. */
export function issuerOf(cert: TestCertificate): Issuer {
  return {
    subject: cert.cert.subject.attributes,
    privateKey: createPrivateKey(cert.key.privateKeyPem),
  };
}

export interface AnyKeyCertificateSpec {
  readonly commonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The subject's key, or a raw SubjectPublicKeyInfo (DER) for a key node cannot make. */
  readonly key: AnyKey | { readonly spki: Buffer };
  /** @default self-signed (then `key` must be an AnyKey) */
  readonly issuer?: Issuer;
  /** DNS names. @default none */
  readonly altNames?: readonly string[];
  /** @default false */
  readonly isCa?: boolean;
}

const { asn1 } = forge;

function oid(dotted: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
}

/** AlgorithmIdentifier and digest for a signature by `key` (RFC 4055, 5758, 8410). */
function signatureAlgorithm(key: KeyObject): { identifier: forge.asn1.Asn1; digest: string | null } {
  const sequence = (items: forge.asn1.Asn1[]) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return {
        identifier: sequence([
          oid('1.2.840.113549.1.1.11'),
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
        ]),
        digest: 'sha256',
      };
    case 'ec':
      return { identifier: sequence([oid('1.2.840.10045.4.3.2')]), digest: 'sha256' };
    case 'dsa':
      return { identifier: sequence([oid('2.16.840.1.101.3.4.3.2')]), digest: 'sha256' };
    case 'ed25519':
      return { identifier: sequence([oid('1.3.101.112')]), digest: null };
    case 'ed448':
      return { identifier: sequence([oid('1.3.101.113')]), digest: null };
    default:
      throw new Error(`cannot sign with a ${key.asymmetricKeyType} key`);
  }
}

const fromDer = (der: Buffer) => asn1.fromDer(forge.util.createBuffer(der.toString('binary')));

let serial = 0x7000;

/** Creates a certificate with any subject key, signed by any signing key. */
export function createAnyKeyCertificate(spec: AnyKeyCertificateSpec): IssuedCertificate {
  const subjectKey = 'spki' in spec.key ? undefined : spec.key;
  const issuer = spec.issuer ?? (subjectKey && { subject: [], privateKey: subjectKey.privateKey });
  if (issuer === undefined) throw new Error('a raw key cannot sign its own certificate: give an issuer');
  const cert = forge.pki.createCertificate();
  // A placeholder RSA key: forge writes only RSA keys; the subject's key replaces it below.
  cert.publicKey = forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('3'), new forge.jsbn.BigInteger('3'));
  serial += 1;
  cert.serialNumber = serial.toString(16);
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const subject = [{ name: 'commonName', value: spec.commonName }];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer === undefined ? subject : spec.issuer.subject);
  cert.setExtensions([
    ...(spec.isCa
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', serverAuth: true },
        ]),
    ...(spec.altNames === undefined
      ? []
      : [{ name: 'subjectAltName', altNames: spec.altNames.map((value) => ({ type: 2, value })) }]),
  ]);
  const algorithm = signatureAlgorithm(issuer.privateKey);
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  // Typed out of @types/node-forge, but exported by node-forge's x509 module.
  const tbs = (
    forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const spki =
    subjectKey === undefined
      ? (spec.key as { spki: Buffer }).spki
      : subjectKey.publicKey.export({ type: 'spki', format: 'der' });
  const fields = tbs.value as forge.asn1.Asn1[];
  fields[2] = algorithm.identifier;
  fields[6] = fromDer(spki);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign(algorithm.digest, tbsDer, issuer.privateKey);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    algorithm.identifier,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  const der = asn1.toDer(certificate).getBytes();
  const certPem = `-----BEGIN CERTIFICATE-----\n${forge.util.encode64(der, 64)}\n-----END CERTIFICATE-----\n`;
  return {
    certPem,
    keyPem: subjectKey?.privateKeyPem ?? '',
    // A raw key has no private half: what is "issued" under it is signed by its issuer's key and does not verify.
    subject,
    privateKey: subjectKey?.privateKey ?? issuer.privateKey,
  };
}

/** A SubjectPublicKeyInfo of an algorithm no library knows (a private-arc OID), for unreadable keys. */
export function unknownAlgorithmSpki(): Buffer {
  const info = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [oid('1.3.6.1.4.1.55555.1.1')]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${'\u0042'.repeat(32)}`),
  ]);
  return Buffer.from(asn1.toDer(info).getBytes(), 'binary');
}
