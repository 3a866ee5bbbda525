/**
 * The signature algorithm of an X.509 certificate, read from its DER. Node 20's X509Certificate does
 * not expose it, and node-forge is a test-only dependency, so this reads the few ASN.1 elements needed:
 * Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE { OID, ... }, ... }.
 */

/** The DER is not a certificate this reader understands. */
export class CertificateParseError extends Error {
  override readonly name = 'CertificateParseError';
}

const SEQUENCE = 0x30;
const OBJECT_IDENTIFIER = 0x06;

/** Names of the signature OIDs seen on the web (RFC 3279, 4055, 5758, 8410). */
const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10040.4.3': 'dsaWithSHA1',
  '1.2.840.10045.4.1': 'ecdsaWithSHA1',
  '1.2.840.10045.4.3.1': 'ecdsaWithSHA224',
  '1.2.840.10045.4.3.2': 'ecdsaWithSHA256',
  '1.2.840.10045.4.3.3': 'ecdsaWithSHA384',
  '1.2.840.10045.4.3.4': 'ecdsaWithSHA512',
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448',
};

export interface Element {
  readonly tag: number;
  /** Offset of the content. */
  readonly start: number;
  /** Offset just past the content. */
  readonly end: number;
}

export function readElement(der: Uint8Array, offset: number): Element {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new CertificateParseError('truncated DER');
  let start = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new CertificateParseError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[start + i];
      if (lengthByte === undefined) throw new CertificateParseError('truncated DER length');
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  const end = start + length;
  if (end > der.length) throw new CertificateParseError('DER element runs past the end');
  return { tag, start, end };
}

export function expectTag(element: Element, tag: number, what: string): Element {
  if (element.tag !== tag)
    throw new CertificateParseError(`expected ${what}, found tag 0x${element.tag.toString(16)}`);
  return element;
}

/** Dotted form of a DER-encoded OBJECT IDENTIFIER's content. */
export function decodeOid(content: Uint8Array): string {
  const values: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      values.push(value);
      value = 0;
    }
  }
  const [first, ...rest] = values;
  if (first === undefined || value !== 0) throw new CertificateParseError('malformed OBJECT IDENTIFIER');
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...rest].join('.');
}

/** The signature algorithm OID of a DER certificate, and its name when known. */
export function signatureAlgorithmOf(der: Uint8Array): { oid: string; name: string | null } {
  const certificate = expectTag(readElement(der, 0), SEQUENCE, 'Certificate SEQUENCE');
  const tbs = expectTag(readElement(der, certificate.start), SEQUENCE, 'tbsCertificate SEQUENCE');
  const algorithm = expectTag(readElement(der, tbs.end), SEQUENCE, 'signatureAlgorithm SEQUENCE');
  const oid = expectTag(readElement(der, algorithm.start), OBJECT_IDENTIFIER, 'algorithm OID');
  const dotted = decodeOid(der.subarray(oid.start, oid.end));
  return { oid: dotted, name: SIGNATURE_NAMES[dotted] ?? null };
}

/** Names of the public key algorithms node may fail to load (RFC 3279, 5480, 8410). */
const KEY_ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'rsa',
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10040.4.1': 'dsa',
  '1.2.840.10045.2.1': 'ec',
  '1.3.101.110': 'x25519',
  '1.3.101.111': 'x448',
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448',
};

/**
 * The algorithm of a DER certificate's subject public key (its SubjectPublicKeyInfo), for a key
 * node:crypto cannot load: the name when known, else the dotted OID. TBSCertificate ::= SEQUENCE {
 * [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, ... }.
 */
export function publicKeyAlgorithmOf(der: Uint8Array): string {
  const certificate = expectTag(readElement(der, 0), SEQUENCE, 'Certificate SEQUENCE');
  const tbs = expectTag(readElement(der, certificate.start), SEQUENCE, 'tbsCertificate SEQUENCE');
  let field = readElement(der, tbs.start);
  if (field.tag === 0xa0) field = readElement(der, field.end);
  // serialNumber, signature, issuer, validity, subject: five fields before the key.
  for (let skipped = 0; skipped < 5; skipped++) field = readElement(der, field.end);
  const info = expectTag(field, SEQUENCE, 'subjectPublicKeyInfo SEQUENCE');
  const algorithm = expectTag(readElement(der, info.start), SEQUENCE, 'algorithm SEQUENCE');
  const oid = expectTag(readElement(der, algorithm.start), OBJECT_IDENTIFIER, 'algorithm OID');
  const dotted = decodeOid(der.subarray(oid.start, oid.end));
  return KEY_ALGORITHM_NAMES[dotted] ?? dotted;
}
